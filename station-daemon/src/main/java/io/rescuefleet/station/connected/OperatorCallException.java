package io.rescuefleet.station.connected;

/** A station API call that failed; {@code retryable} says whether sending the same request again can help. */
public final class OperatorCallException extends RuntimeException {
  private final boolean retryable;
  private final int httpStatus;

  public OperatorCallException(String message, boolean retryable) {
    this(message, retryable, 0);
  }

  public OperatorCallException(String message, boolean retryable, int httpStatus) {
    super(message);
    this.retryable = retryable;
    this.httpStatus = httpStatus;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int httpStatus() {
    return httpStatus;
  }
}
