package io.rescuefleet.operator.policy;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import java.time.Instant;

/**
 * Where a stick stands in the sampling policy: the insertion the level was decided for, insertions
 * counted since the last Full verification (this one included), when that was, and the level due.
 */
public record VerifyPlan(String insertionId, int insertionsSinceFull, Instant lastFull, VerifyMode due) {
  /** A stick the operator has never seen inserted. */
  public static final VerifyPlan NONE = new VerifyPlan(null, 0, null, null);
}
