package io.rescuefleet.station.failure;

/** An option or target the caller gave cannot be used; the message names it. Reason {@code InvalidInput}. */
public class InvalidInputException extends StationException {
  public static final String REASON = "InvalidInput";

  public InvalidInputException(String message) {
    super(REASON, FailureKind.INVALID_INPUT, message);
  }
}
