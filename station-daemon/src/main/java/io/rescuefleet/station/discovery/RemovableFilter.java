package io.rescuefleet.station.discovery;

/**
 * Sticks are removable or hot-pluggable (USB hard disks report only hotplug); anything else needs
 * the allowlist.
 */
public final class RemovableFilter implements DeviceFilter {
  static final String NAME = "Removable";

  @Override
  public FilterVerdict check(BlockDeviceInfo disk, SystemContext system, Allowlist allowlist) {
    if (disk.removable() || disk.hotplug()) {
      return FilterVerdict.include(NAME, disk.path() + " is " + (disk.removable() ? "removable" : "hot-pluggable"));
    }
    if (allowlist.allows(disk)) {
      return FilterVerdict.include(NAME, disk.path() + " is allow-listed");
    }
    return FilterVerdict.exclude(NAME, disk.path() + " is neither removable nor hot-pluggable; admit it with --allow-device");
  }
}
