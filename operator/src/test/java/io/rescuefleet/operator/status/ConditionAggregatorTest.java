package io.rescuefleet.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionAggregatorTest {
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2025-01-01T10:05:00.700Z");

  @Test
  void newConditionGetsTheClocksTimeInWholeSecondsAndATransition() {
    ConditionSet cs = at(T1).from(null, 3L).set("Ready", ConditionStatus.False, "Reconciling", "working");
    Condition c = cs.get("Ready").orElseThrow();
    assertThat(c.getLastTransitionTime()).isEqualTo("2025-01-01T10:05:00Z");
    assertThat(c.getObservedGeneration()).isEqualTo(3L);
    assertThat(cs.transitions()).containsExactly(new Transition("Ready", null, ConditionStatus.False, "Reconciling", "working"));
  }

  @Test
  void unchangedStatusKeepsLastTransitionTimeEvenWhenReasonAndMessageChange() {
    List<Condition> before = at(T0).from(null, 1L).set("Ready", ConditionStatus.False, "Reconciling", "10%").conditions();
    ConditionSet cs = at(T1).from(before, 2L).set("Ready", ConditionStatus.False, "Drifted", "90%");
    assertThat(cs.get("Ready").orElseThrow().getLastTransitionTime()).isEqualTo("2025-01-01T10:00:00Z");
    assertThat(cs.get("Ready").orElseThrow().getReason()).isEqualTo("Drifted");
    assertThat(cs.transitions()).isEmpty();
  }

  @Test
  void changedStatusMovesLastTransitionTimeAndRecordsFromAndTo() {
    List<Condition> before = at(T0).from(null, 1L).set("Online", ConditionStatus.True, "HeartbeatReceived", "").conditions();
    ConditionSet cs = at(T1).from(before, 1L).set("Online", ConditionStatus.False, "StationHeartbeatLost", "late");
    assertThat(cs.get("Online").orElseThrow().getLastTransitionTime()).isEqualTo("2025-01-01T10:05:00Z");
    assertThat(cs.since("Online")).contains(Instant.parse("2025-01-01T10:05:00Z"));
    assertThat(cs.transitions()).singleElement()
        .satisfies(t -> assertThat(t.from()).isEqualTo(ConditionStatus.True))
        .satisfies(t -> assertThat(t.to()).isEqualTo(ConditionStatus.False));
  }

  @Test
  void conditionsNotSetAgainAreDroppedAndOrderFollowsSetOrder() {
    List<Condition> before = at(T0).from(null, 1L).set("Old", ConditionStatus.True, "X", "").set("Ready", ConditionStatus.True, "Ready", "")
        .conditions();
    ConditionSet cs = at(T1).from(before, 1L).set("Valid", ConditionStatus.True, "Resolved", "")
        .set("Ready", ConditionStatus.True, "Ready", "");
    assertThat(cs.conditions()).extracting(Condition::getType).containsExactly("Valid", "Ready");
    assertThat(cs.isTrue("Ready")).isTrue();
    assertThat(cs.isTrue("Old")).isFalse();
  }

  @Test
  void unparseableStatusInThePreviousListCountsAsAChange() {
    Condition odd = new Condition();
    odd.setType("Ready");
    odd.setStatus("Maybe");
    odd.setLastTransitionTime("2020-01-01T00:00:00Z");
    ConditionSet cs = at(T1).from(List.of(odd), 1L).set("Ready", ConditionStatus.True, "Ready", "");
    assertThat(cs.get("Ready").orElseThrow().getLastTransitionTime()).isEqualTo("2025-01-01T10:05:00Z");
  }

  private static ConditionAggregator at(Instant instant) {
    return new ConditionAggregator(Clock.fixed(instant, ZoneOffset.UTC));
  }
}
