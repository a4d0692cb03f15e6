package io.rescuefleet.api.resolve;

import io.rescuefleet.api.v1alpha1.Alerts;
import io.rescuefleet.api.v1alpha1.FleetPolicySpec;
import io.rescuefleet.api.v1alpha1.Sampling;
import io.rescuefleet.api.v1alpha1.VerifyMode;

/** A FleetPolicy with every default applied; {@code source} names the policy it came from. */
public record EffectivePolicy(
    String source,
    double throughputIntervalSeconds,
    VerifyMode verifyMode,
    double sampleRatio,
    int fullEvery,
    double maxAgeHours,
    double minWriteMBps,
    double minReadMBps,
    double throughputWindowSeconds,
    int maxConsecutiveFailures,
    double stationHeartbeatTimeoutSeconds,
    long wearBytesWritten,
    boolean quarantine) {

  /** What {@code source} says when no FleetPolicy exists and the built-in defaults apply. */
  public static final String BUILT_IN = "built-in defaults";

  /** The built-in defaults: the source document's hardware guidance. */
  public static EffectivePolicy defaults() {
    return of(BUILT_IN, new FleetPolicySpec());
  }

  /** {@code spec} with every omitted field taken from the defaults. */
  public static EffectivePolicy of(String source, FleetPolicySpec spec) {
    Sampling defaultsS = new Sampling();
    Alerts defaultsA = new Alerts();
    Sampling s = spec == null || spec.sampling == null ? defaultsS : spec.sampling;
    Sampling.Verify v = s.verify == null ? defaultsS.verify : s.verify;
    Alerts a = spec == null || spec.alerts == null ? defaultsA : spec.alerts;
    return new EffectivePolicy(
        source,
        or(s.throughputIntervalSeconds, defaultsS.throughputIntervalSeconds),
        or(v.mode, defaultsS.verify.mode),
        or(v.sampleRatio, defaultsS.verify.sampleRatio),
        or(v.fullEvery, defaultsS.verify.fullEvery),
        or(v.maxAgeHours, defaultsS.verify.maxAgeHours),
        or(a.minWriteMBps, defaultsA.minWriteMBps),
        or(a.minReadMBps, defaultsA.minReadMBps),
        or(a.throughputWindowSeconds, defaultsA.throughputWindowSeconds),
        or(a.maxConsecutiveFailures, defaultsA.maxConsecutiveFailures),
        or(a.stationHeartbeatTimeoutSeconds, defaultsA.stationHeartbeatTimeoutSeconds),
        or(a.wearBytesWritten, defaultsA.wearBytesWritten),
        or(a.quarantine, defaultsA.quarantine));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
