package io.rescuefleet.operator.policy;

import io.rescuefleet.operator.status.ConditionStatus;

/** One alert's verdict: the condition status, a CamelCase reason and a message for people. */
public record AlertFinding(AlertKind kind, ConditionStatus status, String reason, String message) {
  public boolean firing() {
    return status == ConditionStatus.True;
  }
}
