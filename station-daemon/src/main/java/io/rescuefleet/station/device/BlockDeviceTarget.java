package io.rescuefleet.station.device;

import io.rescuefleet.station.discovery.Allowlist;
import java.util.Optional;

/** A block device someone else attached: a real stick, or a loop device the caller manages. */
public record BlockDeviceTarget(String device) implements DeviceTarget {

  @Override
  public String describe() {
    return device;
  }

  @Override
  public Optional<String> image() {
    return Optional.empty();
  }

  @Override
  public Allowlist admitting(Allowlist base) {
    return base;
  }

  @Override
  public void close() {
    // Nothing was attached for this target.
  }
}
