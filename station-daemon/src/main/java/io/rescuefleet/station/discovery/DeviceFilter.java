package io.rescuefleet.station.discovery;

/** One rule about which devices the station may write to; filters are evaluated in order. */
public interface DeviceFilter {
  FilterVerdict check(BlockDeviceInfo disk, SystemContext system, Allowlist allowlist);
}
