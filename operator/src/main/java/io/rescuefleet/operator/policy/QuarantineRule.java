package io.rescuefleet.operator.policy;

import io.rescuefleet.api.v1alpha1.ApiConstants;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * With the policy's {@code quarantine} on, a drive under an alert that began after the last
 * acknowledgement is quarantined: it gets no writes until acknowledged. A quarantine holds until it
 * is acknowledged even once its alerts clear (a verification of the rewritten data passing says
 * nothing about the stick that corrupted it). Pure.
 */
public final class QuarantineRule {
  private QuarantineRule() {}

  /**
   * @param firingSince each firing alert and when it started firing
   * @param quarantinedSince when the drive was quarantined, if it is now; null if it is not
   */
  public static QuarantineDecision decide(boolean quarantineEnabled, Map<AlertKind, Instant> firingSince,
      Acknowledgement ack, Instant quarantinedSince) {
    boolean held = quarantinedSince != null && !ack.covers(quarantinedSince);
    if (firingSince.isEmpty() && !(quarantineEnabled && held)) {
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
    String hint = ack.problem() != null ? "; " + ack.problem() : "; acknowledge with the annotation "
        + ApiConstants.ACKNOWLEDGE_ANNOTATION + "=<RFC 3339 time>";
    if (!open.isEmpty()) {
      String openNames = open.entrySet().stream().map(e -> e.getKey() + " since " + e.getValue())
          .collect(Collectors.joining(", "));
      return new QuarantineDecision(true, "AlertNotAcknowledged", "no writes until acknowledged: " + openNames + hint);
    }
    if (held) {
      return new QuarantineDecision(true, "AwaitingAcknowledgement", "quarantined since " + quarantinedSince
          + (firingSince.isEmpty() ? "; its alerts have cleared" : "; alerts firing (" + names + ")")
          + ", but no writes until acknowledged" + hint);
    }
    return new QuarantineDecision(false, "Acknowledged", "alerts firing (" + names + ") were acknowledged at "
        + ack.until());
  }
}
