package io.rescuefleet.station.failure;

/**
 * A failure of the station engine that carries a CamelCase condition reason (the {@code reason} of
 * a status condition and of {@code ReportBatch.Outcome}) and the kind of failure it is.
 */
public abstract class StationException extends RuntimeException {
  private final String reason;
  private final FailureKind kind;

  protected StationException(String reason, FailureKind kind, String message) {
    this(reason, kind, message, null);
  }

  protected StationException(String reason, FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.kind = kind;
  }

  /** CamelCase condition reason, e.g. {@code DeviceRefused}. */
  public String reason() {
    return reason;
  }

  public FailureKind kind() {
    return kind;
  }
}
