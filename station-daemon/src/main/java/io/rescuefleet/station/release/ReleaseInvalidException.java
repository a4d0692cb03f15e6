package io.rescuefleet.station.release;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** A Ventoy release directory is incomplete or damaged; the message names the file. Reason {@code SourceFailed}. */
public class ReleaseInvalidException extends StationException {
  public static final String REASON = "SourceFailed";

  public ReleaseInvalidException(String message) {
    super(REASON, FailureKind.SOURCE_OR_VERIFY, message);
  }
}
