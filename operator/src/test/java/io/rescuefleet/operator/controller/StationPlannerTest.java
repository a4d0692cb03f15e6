package io.rescuefleet.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.FleetPolicySpec;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.operator.fleet.StationPresence;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import io.rescuefleet.operator.status.ConditionAggregator;
import io.rescuefleet.operator.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StationPlannerTest {
  private static final Instant NOW = Instant.parse("2025-02-01T10:00:00Z");

  @Test
  void theShortestPolicyTimeoutAndIntervalApply() {
    StationPlan plan = planner().plan(station(), presence(NOW.minusSeconds(3)), List.of(policy(60, 1), policy(2, 5)),
        Map.of(), List.of());
    assertThat(plan.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(plan.samplingInterval()).isEqualTo(1.0);
    assertThat(plan.online()).isFalse();
    assertThat(plan.status().conditions).anySatisfy(c -> assertThat(c.getReason()).isEqualTo("StationHeartbeatLost"));
  }

  @Test
  void withoutDrivesTheBuiltInTimeoutApplies() {
    StationPlan plan = planner().plan(station(), presence(NOW.minusSeconds(59)), List.of(), Map.of(), List.of());
    assertThat(plan.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(plan.online()).isTrue();
    assertThat(plan.untilOffline()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void lastHeartbeatMovesOnlyEveryRefreshUnlessSomethingElseChanged() {
    ImagingStation station = station();
    StationPlan first = planner().plan(station, presence(NOW.minusSeconds(20)), List.of(), Map.of("1-1", "ns/a"), List.of());
    station.setStatus(first.status());
    StationPlan quiet = planner().plan(station, presence(NOW.minusSeconds(5)), List.of(), Map.of("1-1", "ns/a"), List.of());
    assertThat(quiet.status().lastHeartbeat).isEqualTo(first.status().lastHeartbeat);
    StationPlan moved = planner().plan(station, presence(NOW.minusSeconds(5)), List.of(), Map.of(), List.of());
    assertThat(moved.status().lastHeartbeat).isEqualTo("2025-02-01T09:59:55Z");
    assertThat(moved.status().ports).singleElement().satisfies(p -> assertThat(p.drive).isNull());
  }

  @Test
  void goingOfflineIsNoticedOnce() {
    ImagingStation station = station();
    station.setStatus(planner().plan(station, presence(NOW.minusSeconds(1)), List.of(), Map.of(), List.of()).status());
    StationPlan late = planner().plan(station, presence(NOW.minusSeconds(61)), List.of(), Map.of(), List.of());
    assertThat(late.wentOffline()).isTrue();
    station.setStatus(late.status());
    assertThat(planner().plan(station, presence(NOW.minusSeconds(62)), List.of(), Map.of(), List.of()).wentOffline()).isFalse();
  }

  @Test
  void portLabelsComeFromTheSpecForTheFleetView() {
    ImagingStation station = station();
    station.getSpec().ports.add(new io.rescuefleet.api.v1alpha1.ImagingStationSpec.Port("1-2", null));

    StationPlan plan = planner().plan(station, presence(NOW.minusSeconds(1)), List.of(), Map.of(), List.of());

    assertThat(plan.portLabels()).as("an unlabelled port has no label").isEqualTo(Map.of("1-1", "slot 1-1"));
  }

  private static StationPlanner planner() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    OperatorMetrics metrics = new OperatorMetrics(new io.rescuefleet.operator.metrics.FleetGauges() {
      public Map<io.rescuefleet.api.v1alpha1.DrivePhase, Long> drivesByPhase() {
        return Map.of();
      }

      public Map<io.rescuefleet.operator.policy.AlertKind, Long> alertsFiring() {
        return Map.of();
      }

      public long quarantinedDrives() {
        return 0;
      }

      public Map<String, Boolean> stationsUp() {
        return Map.of();
      }
    });
    return new StationPlanner(new ConditionAggregator(clock), new StationStatusFactory(), new StatusWriter(metrics, false),
        Duration.ofSeconds(30), clock);
  }

  private static ImagingStation station() {
    ImagingStation s = Fixtures.station("lab", "lab-token", "1-1");
    s.getMetadata().setGeneration(1L);
    return s;
  }

  private static StationPresence presence(Instant last) {
    return new StationPresence(last, "t", Map.of("1-1", new StickInfo("S1", "1-1", null, null, 0, null, null, "i")), false);
  }

  private static EffectivePolicy policy(double timeout, double interval) {
    FleetPolicySpec spec = new FleetPolicySpec();
    spec.alerts.stationHeartbeatTimeoutSeconds = timeout;
    spec.sampling.throughputIntervalSeconds = interval;
    return EffectivePolicy.of("p", spec);
  }
}
