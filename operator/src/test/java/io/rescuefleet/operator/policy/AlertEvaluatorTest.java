package io.rescuefleet.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.operator.status.ConditionStatus;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertEvaluatorTest {
  /** Defaults: 20 MB/s write, 40 MB/s read, 60 s window, 3 failures, wear 5e13. */
  private static final EffectivePolicy POLICY = EffectivePolicy.defaults();
  private static final ThroughputStats FAST = new ThroughputStats(95, 60);
  private static final Set<AlertKind> NONE = Set.of();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("healthy stick", inputs(FAST, FAST, 0, 0, 10, NONE), AlertKind.SlowWrite, ConditionStatus.False, "AboveMinimum"),
        Arguments.of("slow writes over the window", inputs(new ThroughputStats(12.5, 45), FAST, 0, 0, 10, NONE),
            AlertKind.SlowWrite, ConditionStatus.True, "BelowMinimum"),
        Arguments.of("exactly the minimum is fine", inputs(new ThroughputStats(20, 60), FAST, 0, 0, 10, NONE),
            AlertKind.SlowWrite, ConditionStatus.False, "AboveMinimum"),
        Arguments.of("slow but under half the window: not judged", inputs(new ThroughputStats(5, 29), FAST, 0, 0, 10, NONE),
            AlertKind.SlowWrite, ConditionStatus.Unknown, "NotEnoughSamples"),
        Arguments.of("firing, then too few samples: keeps firing", inputs(new ThroughputStats(80, 10), FAST, 0, 0, 10,
            Set.of(AlertKind.SlowWrite)), AlertKind.SlowWrite, ConditionStatus.True, "BelowMinimum"),
        Arguments.of("firing, then fast over the window: clears", inputs(FAST, FAST, 0, 0, 10, Set.of(AlertKind.SlowWrite)),
            AlertKind.SlowWrite, ConditionStatus.False, "AboveMinimum"),
        Arguments.of("slow reads", inputs(FAST, new ThroughputStats(39.9, 60), 0, 0, 10, NONE),
            AlertKind.SlowRead, ConditionStatus.True, "BelowMinimum"),
        Arguments.of("no samples at all", inputs(ThroughputStats.NONE, ThroughputStats.NONE, 0, null, 0, NONE),
            AlertKind.SlowRead, ConditionStatus.Unknown, "NotEnoughSamples"),
        Arguments.of("failures below the limit", inputs(FAST, FAST, 2, 0, 10, NONE),
            AlertKind.ConsecutiveFailures, ConditionStatus.False, "BelowLimit"),
        Arguments.of("failures at the limit", inputs(FAST, FAST, 3, 0, 10, NONE),
            AlertKind.ConsecutiveFailures, ConditionStatus.True, "TooManyFailures"),
        Arguments.of("never verified", inputs(FAST, FAST, 0, null, 10, NONE),
            AlertKind.VerifyMismatch, ConditionStatus.Unknown, "NotVerified"),
        Arguments.of("verification found mismatches", inputs(FAST, FAST, 0, 2, 10, NONE),
            AlertKind.VerifyMismatch, ConditionStatus.True, "ChecksumMismatch"),
        Arguments.of("clean verification", inputs(FAST, FAST, 0, 0, 10, NONE),
            AlertKind.VerifyMismatch, ConditionStatus.False, "Verified"),
        Arguments.of("wear at the threshold is not past it", inputs(FAST, FAST, 0, 0, 50_000_000_000_000L, NONE),
            AlertKind.Wear, ConditionStatus.False, "BelowWearLimit"),
        Arguments.of("wear past the threshold", inputs(FAST, FAST, 0, 0, 50_000_000_000_001L, NONE),
            AlertKind.Wear, ConditionStatus.True, "WearLimitPassed"));
  }

  @ParameterizedTest(name = "{0}: {2} {3}")
  @MethodSource("cases")
  void verdict(String name, AlertInputs inputs, AlertKind kind, ConditionStatus status, String reason) {
    List<AlertFinding> findings = AlertEvaluator.evaluate(inputs, POLICY);
    assertThat(findings).extracting(AlertFinding::kind).containsExactlyElementsOf(AlertKind.driveAlerts());
    assertThat(findings).filteredOn(f -> f.kind() == kind).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(status);
      assertThat(f.reason()).isEqualTo(reason);
      assertThat(f.message()).isNotBlank();
    });
  }

  private static AlertInputs inputs(ThroughputStats write, ThroughputStats read, int failures, Integer mismatches,
      long bytes, Set<AlertKind> firing) {
    return new AlertInputs(write, read, failures, mismatches, bytes, firing);
  }
}
