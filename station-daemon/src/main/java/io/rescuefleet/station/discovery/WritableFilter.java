package io.rescuefleet.station.discovery;

/** A write-protected stick (lock switch, read-only loop) cannot be made to match anything. */
public final class WritableFilter implements DeviceFilter {
  static final String NAME = "Writable";

  @Override
  public FilterVerdict check(BlockDeviceInfo disk, SystemContext system, Allowlist allowlist) {
    return disk.readOnly()
        ? FilterVerdict.exclude(NAME, disk.path() + " is read-only (write-protected)")
        : FilterVerdict.include(NAME, disk.path() + " is writable");
  }
}
