package io.rescuefleet.operator.stationapi;

/** A request the station API refuses: the HTTP status, the field to blame (or null) and why. */
public class ApiException extends RuntimeException {
  private final int status;
  private final String field;

  public ApiException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, field, message);
  }

  public static ApiException unauthorized() {
    // One message for every cause, so a caller cannot probe which stations exist.
    return new ApiException(401, null, "missing or wrong bearer token for this station");
  }

  public static ApiException forbidden(String field, String message) {
    return new ApiException(403, field, message);
  }

  /** The operator cannot take the request yet (e.g. it has just started); the station retries it later. */
  public static ApiException unavailable(String field, String message) {
    return new ApiException(503, field, message);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
