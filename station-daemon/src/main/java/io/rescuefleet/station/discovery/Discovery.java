package io.rescuefleet.station.discovery;

import java.util.List;

/**
 * Finds the sticks a station may work on: every top-level block device run through the filter
 * chain. The daemon rescans on hotplug events; the CLI uses the interlock for its one target.
 */
public final class Discovery {
  private final List<DeviceFilter> filters;
  private final SysfsResolver sysfs;

  public Discovery(List<DeviceFilter> filters, SysfsResolver sysfs) {
    this.filters = List.copyOf(filters);
    this.sysfs = sysfs;
  }

  public Discovery() {
    this(DeviceFilters.standard(), SysfsResolver.system());
  }

  /** Every top-level device with its verdicts, admitted or not (for logs and "why is my stick ignored"). */
  public List<Candidate> scan(SystemContext system, Allowlist allowlist) {
    return system.devices().stream()
        .map(d -> new Candidate(StickInfo.of(d, sysfs), DeviceFilters.evaluate(filters, d, system, allowlist)))
        .toList();
  }

  /** The admitted sticks only. */
  public List<StickInfo> sticks(SystemContext system, Allowlist allowlist) {
    return scan(system, allowlist).stream().filter(Candidate::admitted).map(Candidate::stick).toList();
  }

  /** The candidate for one device path, evaluated as {@link #scan} would. */
  public Candidate evaluate(BlockDeviceInfo disk, SystemContext system, Allowlist allowlist) {
    return new Candidate(StickInfo.of(disk, sysfs), DeviceFilters.evaluate(filters, disk, system, allowlist));
  }
}
