package io.rescuefleet.operator.policy;

import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.operator.status.Timestamps;
import java.time.Instant;
import java.util.Map;

/**
 * The value of the {@value ApiConstants#ACKNOWLEDGE_ANNOTATION} annotation: an RFC 3339 time.
 * Alerts that started firing at or before it are acknowledged; one that starts later is new and
 * quarantines again. {@code problem} says what is wrong with a malformed value.
 */
public record Acknowledgement(Instant until, String problem) {
  public static final Acknowledgement NONE = new Acknowledgement(null, null);

  public static Acknowledgement from(Map<String, String> annotations) {
    String value = annotations == null ? null : annotations.get(ApiConstants.ACKNOWLEDGE_ANNOTATION);
    if (value == null) {
      return NONE;
    }
    return Timestamps.parse(value)
        .map(t -> new Acknowledgement(t, null))
        .orElseGet(() -> new Acknowledgement(null, "annotation " + ApiConstants.ACKNOWLEDGE_ANNOTATION
            + " must be an RFC 3339 time such as 2025-01-31T12:00:00Z, got \"" + abbreviate(value) + "\""));
  }

  public boolean covers(Instant alertSince) {
    return until != null && !alertSince.isAfter(until);
  }

  private static String abbreviate(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 61) + "...";
  }
}
