package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** What was applied to a Windows To Go volume did not read back as written. Reason {@code WtgVerifyFailed}. */
public class WtgVerifyFailedException extends StationException {
  public static final String REASON = "WtgVerifyFailed";

  public WtgVerifyFailedException(String message) {
    super(REASON, FailureKind.SOURCE_OR_VERIFY, message);
  }
}
