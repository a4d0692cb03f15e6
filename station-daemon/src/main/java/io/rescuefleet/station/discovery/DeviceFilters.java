package io.rescuefleet.station.discovery;

import java.util.ArrayList;
import java.util.List;

/** The filter chain, in the order a refusal is best explained: what the device is, then who uses it. */
public final class DeviceFilters {
  private DeviceFilters() {}

  public static List<DeviceFilter> standard() {
    return List.of(new WholeDiskFilter(), new NotSystemDiskFilter(), new HasMediumFilter(), new WritableFilter(),
        new UsbTransportFilter(), new RemovableFilter(), new NotMountedFilter());
  }

  /** Every filter's verdict on {@code disk}; it is admitted only if all include it. */
  public static List<FilterVerdict> evaluate(List<DeviceFilter> filters, BlockDeviceInfo disk, SystemContext system,
      Allowlist allowlist) {
    List<FilterVerdict> verdicts = new ArrayList<>();
    for (DeviceFilter f : filters) {
      verdicts.add(f.check(disk, system, allowlist));
    }
    return verdicts;
  }
}
