package io.rescuefleet.operator.policy;

import io.rescuefleet.operator.status.ConditionStatus;

/** Whether a drive is quarantined, with the condition's reason and message. */
public record QuarantineDecision(boolean quarantined, String reason, String message) {
  public ConditionStatus status() {
    return ConditionStatus.of(quarantined);
  }
}
