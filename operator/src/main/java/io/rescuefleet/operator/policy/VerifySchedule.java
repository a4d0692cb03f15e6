package io.rescuefleet.operator.policy;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides, once per insertion, which verification is due: the policy's mode, raised to Full on every
 * {@code fullEvery}-th insertion since the last Full, when the last Full is older than
 * {@code maxAgeHours}, or when the stick was never verified in full. Pure.
 */
public final class VerifySchedule {
  private VerifySchedule() {}

  /**
   * The plan once insertion {@code insertionId} is seen. The same insertion seen again, or an
   * unknown one (null), leaves the plan unchanged: the level holds for the whole insertion.
   */
  public static VerifyPlan onInsertion(VerifyPlan plan, String insertionId, EffectivePolicy policy, Instant now) {
    if (insertionId == null || insertionId.equals(plan.insertionId())) {
      return plan;
    }
    int count = plan.insertionsSinceFull() + 1;
    boolean full = policy.verifyMode() == VerifyMode.Full
        || plan.lastFull() == null
        || count >= policy.fullEvery()
        || !Duration.between(plan.lastFull(), now).minus(maxAge(policy)).isNegative();
    return new VerifyPlan(insertionId, count, plan.lastFull(), full ? VerifyMode.Full : policy.verifyMode());
  }

  /** The plan once a verification of {@code mode} finished at {@code time}: a Full one restarts the count. */
  public static VerifyPlan onVerified(VerifyPlan plan, VerifyMode mode, Instant time) {
    if (mode != VerifyMode.Full) {
      return plan;
    }
    Instant last = plan.lastFull() == null || time.isAfter(plan.lastFull()) ? time : plan.lastFull();
    return new VerifyPlan(plan.insertionId(), 0, last, plan.due());
  }

  private static Duration maxAge(EffectivePolicy policy) {
    return Duration.ofMillis(Math.round(policy.maxAgeHours() * 3_600_000d));
  }
}
