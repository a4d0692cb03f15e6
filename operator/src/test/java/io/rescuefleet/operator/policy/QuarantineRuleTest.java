package io.rescuefleet.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.ApiConstants;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuarantineRuleTest {
  private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2025-03-01T11:00:00Z");
  private static final Instant T3 = Instant.parse("2025-03-01T12:00:00Z");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no alert", true, Map.of(), Acknowledgement.NONE, null, false, "NoAlert"),
        Arguments.of("alert, quarantine off", false, Map.of(AlertKind.SlowWrite, T1), Acknowledgement.NONE, null, false,
            "QuarantineOff"),
        Arguments.of("alert, not acknowledged", true, Map.of(AlertKind.SlowWrite, T1), Acknowledgement.NONE, null, true,
            "AlertNotAcknowledged"),
        Arguments.of("alert acknowledged after it began", true, Map.of(AlertKind.SlowWrite, T1), ack(T2), null, false,
            "Acknowledged"),
        Arguments.of("alert acknowledged at the second it began", true, Map.of(AlertKind.Wear, T2), ack(T2), T2, false,
            "Acknowledged"),
        Arguments.of("new alert after the acknowledgement", true, Map.of(AlertKind.SlowWrite, T1, AlertKind.VerifyMismatch, T3),
            ack(T2), T3, true, "AlertNotAcknowledged"),
        Arguments.of("malformed acknowledgement acknowledges nothing", true, Map.of(AlertKind.SlowWrite, T1),
            Acknowledgement.from(Map.of(ApiConstants.ACKNOWLEDGE_ANNOTATION, "yes please")), T1, true, "AlertNotAcknowledged"),
        Arguments.of("a quarantine holds once its alert cleared", true, Map.of(), Acknowledgement.NONE, T1, true,
            "AwaitingAcknowledgement"),
        Arguments.of("a cleared quarantine is released by acknowledging it", true, Map.of(), ack(T2), T1, false, "NoAlert"),
        Arguments.of("a quarantine newer than the acknowledgement holds", true, Map.of(AlertKind.SlowWrite, T1), ack(T2), T3,
            true, "AwaitingAcknowledgement"),
        Arguments.of("a held quarantine ends when the policy stops quarantining", false, Map.of(), Acknowledgement.NONE, T1,
            false, "NoAlert"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decide(String name, boolean enabled, Map<AlertKind, Instant> firing, Acknowledgement ack, Instant since,
      boolean quarantined, String reason) {
    QuarantineDecision d = QuarantineRule.decide(enabled, firing, ack, since);
    assertThat(d.quarantined()).isEqualTo(quarantined);
    assertThat(d.reason()).isEqualTo(reason);
  }

  @Test
  void acknowledgementAcceptsAnyRfc3339OffsetAndNamesTheAnnotationWhenMalformed() {
    assertThat(Acknowledgement.from(Map.of(ApiConstants.ACKNOWLEDGE_ANNOTATION, "2025-03-01T12:00:00+01:00")).until())
        .isEqualTo(T2);
    assertThat(Acknowledgement.from(Map.of()).until()).isNull();
    Acknowledgement bad = Acknowledgement.from(Map.of(ApiConstants.ACKNOWLEDGE_ANNOTATION, "tomorrow"));
    assertThat(bad.until()).isNull();
    assertThat(bad.problem()).contains(ApiConstants.ACKNOWLEDGE_ANNOTATION).contains("tomorrow");
    assertThat(QuarantineRule.decide(true, Map.of(AlertKind.Wear, T1), bad, null).message()).contains(bad.problem());
    assertThat(QuarantineRule.decide(true, Map.of(), bad, T1).message()).contains("alerts have cleared").contains(bad.problem());
  }

  private static Acknowledgement ack(Instant at) {
    return new Acknowledgement(at, null);
  }
}
