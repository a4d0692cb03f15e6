package io.rescuefleet.station.layout;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** The stick cannot hold the layout the spec asks for. Reason {@code DiskTooSmall}. */
public class DiskTooSmallException extends StationException {
  public static final String REASON = "DiskTooSmall";

  public DiskTooSmallException(String message) {
    super(REASON, FailureKind.INVALID_INPUT, message);
  }
}
