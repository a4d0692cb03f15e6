package io.rescuefleet.station.discovery;

/** Only whole disks (and loop devices) are sticks; a partition or a mapped device is not. */
public final class WholeDiskFilter implements DeviceFilter {
  static final String NAME = "WholeDisk";

  @Override
  public FilterVerdict check(BlockDeviceInfo disk, SystemContext system, Allowlist allowlist) {
    if ("disk".equals(disk.type()) || "loop".equals(disk.type())) {
      return FilterVerdict.include(NAME, disk.path() + " is a whole " + disk.type());
    }
    return FilterVerdict.exclude(NAME, disk.path() + " is a " + disk.type() + ", not a whole disk; give the disk itself");
  }
}
