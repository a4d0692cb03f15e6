package io.rescuefleet.station.discovery;

/** Sticks are on the USB transport; anything else needs the allowlist. */
public final class UsbTransportFilter implements DeviceFilter {
  static final String NAME = "UsbTransport";

  @Override
  public FilterVerdict check(BlockDeviceInfo disk, SystemContext system, Allowlist allowlist) {
    if ("usb".equals(disk.transport())) {
      return FilterVerdict.include(NAME, disk.path() + " is on the usb transport");
    }
    if (allowlist.allows(disk)) {
      return FilterVerdict.include(NAME, disk.path() + " is allow-listed");
    }
    String tran = disk.transport() == null ? "no transport (virtual device)" : "transport " + disk.transport();
    return FilterVerdict.exclude(NAME, disk.path() + " has " + tran + ", not usb; admit it with --allow-device");
  }
}
