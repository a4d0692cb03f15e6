package io.rescuefleet.station.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.FleetPolicySpec;
import io.rescuefleet.api.v1alpha1.Sampling;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.manifest.StickManifest.VerifyRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifySchedulerTest {
  private final VerifyScheduler scheduler = new VerifyScheduler(Clock.fixed(Instant.parse("2025-06-10T00:00:00Z"), ZoneOffset.UTC));

  private static EffectivePolicy policy(int fullEvery, double maxAgeHours) {
    FleetPolicySpec spec = new FleetPolicySpec();
    spec.sampling = new Sampling();
    spec.sampling.verify.mode = VerifyMode.Sampled;
    spec.sampling.verify.fullEvery = fullEvery;
    spec.sampling.verify.maxAgeHours = maxAgeHours;
    return EffectivePolicy.of("test", spec);
  }

  private static Optional<StickManifest> history(String... modesAndTimes) {
    List<VerifyRecord> records = new java.util.ArrayList<>();
    for (String s : modesAndTimes) {
      String[] p = s.split("@");
      records.add(new VerifyRecord(p[0], p[1], 1, 1, 0, 1));
    }
    return Optional.of(new StickManifest(1, "u", "d", "s", "j", "t", "w", 0, 0, List.of(), records, null));
  }

  @Test
  void theCallersModeWins() {
    assertThat(scheduler.decide(VerifyMode.Quick, policy(1, 1), history())).isEqualTo(VerifyMode.Quick);
  }

  @Test
  void thePolicysModeByDefault() {
    assertThat(scheduler.decide(null, policy(10, 720), history("Full@2025-06-09T00:00:00Z"))).isEqualTo(VerifyMode.Sampled);
  }

  @Test
  void fullEveryNthPass() {
    var p = policy(3, 720);
    assertThat(scheduler.decide(null, p, history("Full@2025-06-09T00:00:00Z", "Sampled@2025-06-09T01:00:00Z")))
        .isEqualTo(VerifyMode.Sampled);
    assertThat(scheduler.decide(null, p, history("Full@2025-06-09T00:00:00Z", "Sampled@2025-06-09T01:00:00Z",
        "Sampled@2025-06-09T02:00:00Z"))).isEqualTo(VerifyMode.Full);
  }

  @Test
  void fullWhenTheLastFullIsTooOld() {
    assertThat(scheduler.decide(null, policy(100, 24), history("Full@2025-06-08T00:00:00Z", "Sampled@2025-06-09T00:00:00Z")))
        .isEqualTo(VerifyMode.Full);
  }
}
