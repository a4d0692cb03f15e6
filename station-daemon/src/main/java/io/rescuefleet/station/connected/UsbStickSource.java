package io.rescuefleet.station.connected;

import io.rescuefleet.station.device.BlockDeviceTarget;
import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.discovery.Discovery;
import io.rescuefleet.station.discovery.StickInfo;
import io.rescuefleet.station.discovery.SystemProbe;
import java.util.List;
import java.util.function.Supplier;

/** Sticks on this host's USB ports (and allow-listed devices), as discovery's filter chain admits them. */
public final class UsbStickSource implements StickSource {
  private final Discovery discovery;
  private final SystemProbe probe;
  private final Supplier<Allowlist> allowlist;

  /** {@code allowlist} is asked on every scan: the station's allowlist changes with the operator's answers. */
  public UsbStickSource(Discovery discovery, SystemProbe probe, Supplier<Allowlist> allowlist) {
    this.discovery = discovery;
    this.probe = probe;
    this.allowlist = allowlist;
  }

  @Override
  public List<PresentStick> scan() {
    return discovery.sticks(probe.capture(), allowlist.get()).stream().map(UsbStickSource::present).toList();
  }

  private static PresentStick present(StickInfo s) {
    String port = s.usbPort() != null ? s.usbPort() : s.device();
    return new PresentStick(PresentStick.keyOf(s.serial(), port), s.serial(), port, s.vendor(), s.model(), s.sizeBytes(),
        () -> new BlockDeviceTarget(s.device()));
  }
}
