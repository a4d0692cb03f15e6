package io.rescuefleet.station.execute;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** Data read back from the stick was not what was written. Reason {@code VerifyFailed}. */
public class VerifyFailedException extends StationException {
  public static final String REASON = "VerifyFailed";

  public VerifyFailedException(String message) {
    super(REASON, FailureKind.SOURCE_OR_VERIFY, message);
  }
}
