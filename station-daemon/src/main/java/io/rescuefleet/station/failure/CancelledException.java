package io.rescuefleet.station.failure;

/** The run was stopped from outside (stick removed, daemon shutting down). Reason {@code Cancelled}. */
public class CancelledException extends StationException {
  public static final String REASON = "Cancelled";

  public CancelledException(String message) {
    super(REASON, FailureKind.OTHER, message);
  }
}
