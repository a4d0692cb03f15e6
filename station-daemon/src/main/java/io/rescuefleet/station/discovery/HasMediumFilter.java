package io.rescuefleet.station.discovery;

/** An empty card reader slot shows up as a disk of size 0. */
public final class HasMediumFilter implements DeviceFilter {
  static final String NAME = "HasMedium";

  @Override
  public FilterVerdict check(BlockDeviceInfo disk, SystemContext system, Allowlist allowlist) {
    return disk.sizeBytes() <= 0
        ? FilterVerdict.exclude(NAME, disk.path() + " has no medium (size 0)")
        : FilterVerdict.include(NAME, disk.path() + " has " + disk.sizeBytes() + " bytes");
  }
}
