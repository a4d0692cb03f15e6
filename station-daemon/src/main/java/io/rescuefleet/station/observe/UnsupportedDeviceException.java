package io.rescuefleet.station.observe;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** The device cannot carry a Ventoy layout (e.g. 4 KiB logical sectors). Reason {@code UnsupportedDevice}. */
public class UnsupportedDeviceException extends StationException {
  public static final String REASON = "UnsupportedDevice";

  public UnsupportedDeviceException(String message) {
    super(REASON, FailureKind.REFUSED, message);
  }
}
