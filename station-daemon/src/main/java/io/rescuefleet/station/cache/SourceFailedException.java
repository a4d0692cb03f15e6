package io.rescuefleet.station.cache;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/**
 * An image could not be fetched, or did not match its SHA-256, size or signature; the message names
 * the URL or file. Reason {@code SourceFailed}.
 */
public class SourceFailedException extends StationException {
  public static final String REASON = "SourceFailed";

  public SourceFailedException(String message) {
    super(REASON, FailureKind.SOURCE_OR_VERIFY, message);
  }

  public SourceFailedException(String message, Throwable cause) {
    super(REASON, FailureKind.SOURCE_OR_VERIFY, message, cause);
  }
}
