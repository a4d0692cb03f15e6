package io.rescuefleet.station.discovery;

import java.util.Optional;

/**
 * Someone else is using the stick when any of its partitions, holders or the loop devices on top
 * of it is mounted; writing under a mounted filesystem would corrupt it.
 */
public final class NotMountedFilter implements DeviceFilter {
  static final String NAME = "NotMounted";

  @Override
  public FilterVerdict check(BlockDeviceInfo disk, SystemContext system, Allowlist allowlist) {
    for (BlockDeviceInfo d : system.stackedOn(disk)) {
      Optional<String> mount = d.mountpoints().stream().findFirst();
      if (mount.isPresent()) {
        return FilterVerdict.exclude(NAME, d.path() + " is mounted at " + mount.get() + "; unmount it first");
      }
    }
    return FilterVerdict.include(NAME, "nothing on " + disk.path() + " is mounted");
  }
}
