package io.rescuefleet.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.FleetPolicySpec;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyScheduleTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final Instant DAY_AGO = NOW.minusSeconds(86_400);
  private static final Instant MONTH_AGO = NOW.minusSeconds(31L * 86_400);

  static Stream<Arguments> insertions() {
    return Stream.of(
        Arguments.of("never verified in full: Full", policy(VerifyMode.Sampled, 10, 720),
            new VerifyPlan("a", 3, null, VerifyMode.Sampled), "b", new VerifyPlan("b", 4, null, VerifyMode.Full)),
        Arguments.of("recent Full, few insertions: the policy's mode", policy(VerifyMode.Sampled, 10, 720),
            new VerifyPlan("a", 1, DAY_AGO, VerifyMode.Full), "b", new VerifyPlan("b", 2, DAY_AGO, VerifyMode.Sampled)),
        Arguments.of("Quick policy stays Quick", policy(VerifyMode.Quick, 10, 720),
            new VerifyPlan("a", 1, DAY_AGO, VerifyMode.Quick), "b", new VerifyPlan("b", 2, DAY_AGO, VerifyMode.Quick)),
        Arguments.of("fullEvery-th insertion: Full", policy(VerifyMode.Sampled, 10, 720),
            new VerifyPlan("a", 9, DAY_AGO, VerifyMode.Sampled), "b", new VerifyPlan("b", 10, DAY_AGO, VerifyMode.Full)),
        Arguments.of("one before fullEvery: still Sampled", policy(VerifyMode.Sampled, 10, 720),
            new VerifyPlan("a", 8, DAY_AGO, VerifyMode.Sampled), "b", new VerifyPlan("b", 9, DAY_AGO, VerifyMode.Sampled)),
        Arguments.of("fullEvery 1: every insertion Full", policy(VerifyMode.Quick, 1, 720),
            new VerifyPlan("a", 0, DAY_AGO, VerifyMode.Full), "b", new VerifyPlan("b", 1, DAY_AGO, VerifyMode.Full)),
        Arguments.of("last Full older than maxAgeHours: Full", policy(VerifyMode.Sampled, 10, 720),
            new VerifyPlan("a", 1, MONTH_AGO, VerifyMode.Sampled), "b", new VerifyPlan("b", 2, MONTH_AGO, VerifyMode.Full)),
        Arguments.of("exactly maxAgeHours old: Full", policy(VerifyMode.Sampled, 10, 24),
            new VerifyPlan("a", 1, DAY_AGO, VerifyMode.Sampled), "b", new VerifyPlan("b", 2, DAY_AGO, VerifyMode.Full)),
        Arguments.of("Full policy: always Full", policy(VerifyMode.Full, 10, 720),
            new VerifyPlan("a", 0, DAY_AGO, VerifyMode.Full), "b", new VerifyPlan("b", 1, DAY_AGO, VerifyMode.Full)),
        Arguments.of("same insertion seen again: unchanged", policy(VerifyMode.Sampled, 10, 720),
            new VerifyPlan("a", 9, MONTH_AGO, VerifyMode.Sampled), "a", new VerifyPlan("a", 9, MONTH_AGO, VerifyMode.Sampled)),
        Arguments.of("unknown insertion (restart): unchanged", policy(VerifyMode.Sampled, 10, 720),
            new VerifyPlan("a", 2, DAY_AGO, VerifyMode.Sampled), null, new VerifyPlan("a", 2, DAY_AGO, VerifyMode.Sampled)),
        Arguments.of("first insertion ever: Full", policy(VerifyMode.Quick, 10, 720),
            VerifyPlan.NONE, "a", new VerifyPlan("a", 1, null, VerifyMode.Full)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("insertions")
  void levelDueOnInsertion(String name, EffectivePolicy policy, VerifyPlan before, String insertion, VerifyPlan expected) {
    assertThat(VerifySchedule.onInsertion(before, insertion, policy, NOW)).isEqualTo(expected);
  }

  @Test
  void aFullVerificationRestartsTheCountAndKeepsTheLevelForTheInsertion() {
    VerifyPlan plan = new VerifyPlan("b", 10, MONTH_AGO, VerifyMode.Full);
    assertThat(VerifySchedule.onVerified(plan, VerifyMode.Full, NOW)).isEqualTo(new VerifyPlan("b", 0, NOW, VerifyMode.Full));
  }

  @Test
  void lesserVerificationsAndOlderFullOnesDoNotMoveTheSchedule() {
    VerifyPlan plan = new VerifyPlan("b", 4, DAY_AGO, VerifyMode.Sampled);
    assertThat(VerifySchedule.onVerified(plan, VerifyMode.Sampled, NOW)).isEqualTo(plan);
    assertThat(VerifySchedule.onVerified(plan, VerifyMode.Full, MONTH_AGO).lastFull()).isEqualTo(DAY_AGO);
  }

  @Test
  void afterAFullTheNextFullIsFullEveryInsertionsLater() {
    EffectivePolicy policy = policy(VerifyMode.Sampled, 3, 720);
    VerifyPlan plan = VerifySchedule.onVerified(new VerifyPlan("a", 5, null, VerifyMode.Full), VerifyMode.Full, NOW);
    StringBuilder levels = new StringBuilder();
    for (String insertion : new String[] {"b", "c", "d", "e"}) {
      plan = VerifySchedule.onInsertion(plan, insertion, policy, NOW);
      levels.append(plan.due()).append(' ');
      if (plan.due() == VerifyMode.Full) {
        plan = VerifySchedule.onVerified(plan, VerifyMode.Full, NOW);
      }
    }
    assertThat(levels.toString().trim()).isEqualTo("Sampled Sampled Full Sampled");
  }

  static EffectivePolicy policy(VerifyMode mode, int fullEvery, double maxAgeHours) {
    FleetPolicySpec spec = new FleetPolicySpec();
    spec.sampling.verify.mode = mode;
    spec.sampling.verify.fullEvery = fullEvery;
    spec.sampling.verify.maxAgeHours = maxAgeHours;
    return EffectivePolicy.of("test", spec);
  }
}
