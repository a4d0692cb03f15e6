package io.rescuefleet.station.connected;

import io.rescuefleet.station.device.DeviceTarget;
import java.util.function.Supplier;

/**
 * A stick present in one of the station's ports, as a source found it, with a way to open it for a
 * run. {@code key} identifies the stick while it stays in (its serial, or its port when it has none).
 */
public record PresentStick(
    String key, String serial, String port, String vendor, String model, long sizeBytes, Supplier<DeviceTarget> opener) {

  static String keyOf(String serial, String port) {
    return serial != null && !serial.isBlank() ? "serial:" + serial : "port:" + port;
  }
}
