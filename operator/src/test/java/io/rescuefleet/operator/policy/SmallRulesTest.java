package io.rescuefleet.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample gate, station liveness and the phase rule. */
class SmallRulesTest {
  private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

  @ParameterizedTest(name = "last admitted {0} ms before, interval {1}s: admitted={2}")
  @CsvSource({
      "-1,    1.0, true",   // first sample
      "1000,  1.0, true",
      "950,   1.0, true",   // within the 5 % jitter slack
      "949,   1.0, false",
      "250,   1.0, false",
      "0,     1.0, false",  // a resent sample
      "-500,  1.0, false",  // out of order
      "4900,  5.0, true",
      "4000,  5.0, false"})
  void sampleGate(long millisSinceLast, double interval, boolean admitted) {
    Instant last = millisSinceLast == -1 ? null : T.minusMillis(millisSinceLast);
    assertThat(SampleGate.admits(last, T, interval)).isEqualTo(admitted);
  }

  @Test
  void stationIsOnlineUntilTheTimeoutPasses() {
    Duration timeout = Duration.ofSeconds(60);
    assertThat(StationLiveness.online(null, timeout, T)).isFalse();
    assertThat(StationLiveness.online(T.minusSeconds(59), timeout, T)).isTrue();
    assertThat(StationLiveness.online(T.minusSeconds(60), timeout, T)).isFalse();
    assertThat(StationLiveness.untilOffline(T.minusSeconds(45), timeout, T)).isEqualTo(Duration.ofSeconds(15));
    assertThat(StationLiveness.untilOffline(T.minusSeconds(90), timeout, T)).isZero();
  }

  static Stream<Arguments> phases() {
    return Stream.of(
        Arguments.of("never seen", false, false, null, false, false, DrivePhase.Pending),
        Arguments.of("seen before, gone now", false, true, DrivePhase.Ready, false, false, DrivePhase.Absent),
        Arguments.of("just inserted, nothing reported", true, true, null, false, false, DrivePhase.Reconciling),
        Arguments.of("station says Ready", true, true, DrivePhase.Ready, false, false, DrivePhase.Ready),
        Arguments.of("Ready under a non-quarantining alert", true, true, DrivePhase.Ready, false, true, DrivePhase.Degraded),
        Arguments.of("quarantine overrides what the station says", true, true, DrivePhase.Reconciling, true, true,
            DrivePhase.Quarantined),
        Arguments.of("quarantine does not apply to an absent stick", false, true, DrivePhase.Ready, true, true,
            DrivePhase.Absent),
        Arguments.of("station says Drifted", true, true, DrivePhase.Drifted, false, false, DrivePhase.Drifted),
        Arguments.of("station says Failed, alert or not", true, true, DrivePhase.Failed, false, true, DrivePhase.Failed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phases")
  void phase(String name, boolean bound, boolean everSeen, DrivePhase reported, boolean quarantined, boolean alert,
      DrivePhase expected) {
    assertThat(DrivePhaseRule.phase(bound, everSeen, reported, quarantined, alert)).isEqualTo(expected);
  }
}
