package io.rescuefleet.operator.policy;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.operator.status.ConditionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a stick's alerts against the policy. Throughput is judged only once admitted samples
 * cover at least half the policy's window (short bursts say little about a stick); until then the
 * alert keeps its last verdict, or stays Unknown. Pure.
 */
public final class AlertEvaluator {
  private AlertEvaluator() {}

  /** One finding per drive alert, in {@link AlertKind} order. */
  public static List<AlertFinding> evaluate(AlertInputs in, EffectivePolicy policy) {
    List<AlertFinding> findings = new ArrayList<>();
    findings.add(throughput(AlertKind.SlowWrite, "write", in.write(), policy.minWriteMBps(), in, policy));
    findings.add(throughput(AlertKind.SlowRead, "read", in.read(), policy.minReadMBps(), in, policy));
    findings.add(in.consecutiveFailures() >= policy.maxConsecutiveFailures()
        ? new AlertFinding(AlertKind.ConsecutiveFailures, ConditionStatus.True, "TooManyFailures",
            in.consecutiveFailures() + " reconciles failed in a row (limit " + policy.maxConsecutiveFailures() + ")")
        : new AlertFinding(AlertKind.ConsecutiveFailures, ConditionStatus.False, "BelowLimit",
            in.consecutiveFailures() + " failed in a row (limit " + policy.maxConsecutiveFailures() + ")"));
    if (in.lastVerifyMismatches() == null) {
      findings.add(new AlertFinding(AlertKind.VerifyMismatch, ConditionStatus.Unknown, "NotVerified",
          "no verification reported yet"));
    } else if (in.lastVerifyMismatches() > 0) {
      findings.add(new AlertFinding(AlertKind.VerifyMismatch, ConditionStatus.True, "ChecksumMismatch",
          in.lastVerifyMismatches() + " mismatches in the last verification"));
    } else {
      findings.add(new AlertFinding(AlertKind.VerifyMismatch, ConditionStatus.False, "Verified",
          "the last verification found no mismatch"));
    }
    findings.add(in.bytesWritten() > policy.wearBytesWritten()
        ? new AlertFinding(AlertKind.Wear, ConditionStatus.True, "WearLimitPassed",
            in.bytesWritten() + " bytes written in its life, past the policy's " + policy.wearBytesWritten())
        : new AlertFinding(AlertKind.Wear, ConditionStatus.False, "BelowWearLimit",
            in.bytesWritten() + " of " + policy.wearBytesWritten() + " bytes written"));
    return List.copyOf(findings);
  }

  private static AlertFinding throughput(AlertKind kind, String verb, ThroughputStats stats, double minimum,
      AlertInputs in, EffectivePolicy policy) {
    double window = policy.throughputWindowSeconds();
    if (stats.coveredSeconds() < window / 2) {
      if (in.firing().contains(kind)) {
        return new AlertFinding(kind, ConditionStatus.True, "BelowMinimum",
            verb + " throughput was below " + mbps(minimum) + " MB/s; not enough new samples to re-judge");
      }
      return new AlertFinding(kind, ConditionStatus.Unknown, "NotEnoughSamples",
          "samples cover " + seconds(stats.coveredSeconds()) + " of the " + seconds(window) + " window; half is needed");
    }
    if (stats.meanMBps() < minimum) {
      return new AlertFinding(kind, ConditionStatus.True, "BelowMinimum",
          verb + " " + mbps(stats.meanMBps()) + " MB/s over " + seconds(stats.coveredSeconds()) + ", below the minimum "
              + mbps(minimum) + " MB/s");
    }
    return new AlertFinding(kind, ConditionStatus.False, "AboveMinimum",
        verb + " " + mbps(stats.meanMBps()) + " MB/s, minimum " + mbps(minimum) + " MB/s");
  }

  private static String mbps(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.0fs", value);
  }
}
