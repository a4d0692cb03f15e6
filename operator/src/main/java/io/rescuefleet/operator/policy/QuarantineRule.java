package io.rescuefleet.operator.policy;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * With the policy's {@code quarantine} on, a drive under an alert that began after the last
 * acknowledgement is quarantined: it gets no writes until acknowledged. Pure.
 */
public final class QuarantineRule {
  private QuarantineRule() {}

  /** {@code firingSince}: each firing alert and when it started firing. */
  public static QuarantineDecision decide(boolean quarantineEnabled, Map<AlertKind, Instant> firingSince,
      Acknowledgement ack) {
    if (firingSince.isEmpty()) {
      return new QuarantineDecision(false, "NoAlert", "no alert is firing");
    }
    Map<AlertKind, Instant> open = new TreeMap<>();
    firingSince.forEach((kind, since) -> {
      if (!ack.covers(since)) {
        open.put(kind, since);
      }
    });
    String names = String.join(", ", firingSince.keySet().stream().map(Enum::name).sorted().toList());
    if (!quarantineEnabled) {
      return new QuarantineDecision(false, "QuarantineOff", "alerts firing (" + names + "); the policy does not quarantine");
    }
    if (open.isEmpty()) {
      return new QuarantineDecision(false, "Acknowledged", "alerts firing (" + names + ") were acknowledged at "
          + ack.until());
    }
    String openNames = open.entrySet().stream().map(e -> e.getKey() + " since " + e.getValue())
        .collect(Collectors.joining(", "));
    String hint = ack.problem() != null ? "; " + ack.problem() : "; acknowledge with the annotation "
        + io.rescuefleet.api.v1alpha1.ApiConstants.ACKNOWLEDGE_ANNOTATION + "=<RFC 3339 time>";
    return new QuarantineDecision(true, "AlertNotAcknowledged", "no writes until acknowledged: " + openNames + hint);
  }
}
