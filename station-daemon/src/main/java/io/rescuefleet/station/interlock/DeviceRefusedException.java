package io.rescuefleet.station.interlock;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** The safety interlock refused a device; the message says which rule and why. Reason {@code DeviceRefused}. */
public class DeviceRefusedException extends StationException {
  public static final String REASON = "DeviceRefused";

  public DeviceRefusedException(String message) {
    super(REASON, FailureKind.REFUSED, message);
  }

  protected DeviceRefusedException(String reason, String message) {
    super(reason, FailureKind.REFUSED, message);
  }
}
