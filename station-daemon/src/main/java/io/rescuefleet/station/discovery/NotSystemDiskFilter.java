package io.rescuefleet.station.discovery;

import java.util.Optional;

/**
 * Never the disk this machine runs from: the one holding {@code /} (by device number, and by mount
 * point) or any other system path or swap. The allowlist cannot override this.
 */
public final class NotSystemDiskFilter implements DeviceFilter {
  static final String NAME = "NotSystemDisk";

  @Override
  public FilterVerdict check(BlockDeviceInfo disk, SystemContext system, Allowlist allowlist) {
    var stack = system.stackedOn(disk);
    for (BlockDeviceInfo d : stack) {
      if (system.rootMajMin() != null && system.rootMajMin().equals(d.majMin())) {
        return FilterVerdict.exclude(NAME, disk.path() + " is the root disk (" + d.path() + " holds /)");
      }
    }
    for (BlockDeviceInfo d : stack) {
      Optional<String> mount = d.mountpoints().stream().filter(SystemContext::isSystemMount).findFirst();
      if (mount.isPresent()) {
        return FilterVerdict.exclude(NAME, disk.path() + " is a system disk (" + d.path() + " is mounted at "
            + mount.get() + ")");
      }
    }
    return FilterVerdict.include(NAME, disk.path() + " holds no system path");
  }
}
