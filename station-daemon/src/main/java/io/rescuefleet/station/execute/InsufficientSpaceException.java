package io.rescuefleet.station.execute;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** An image does not fit on the data partition. Reason {@code InsufficientSpace}. */
public class InsufficientSpaceException extends StationException {
  public static final String REASON = "InsufficientSpace";

  public InsufficientSpaceException(String message) {
    super(REASON, FailureKind.OTHER, message);
  }
}
