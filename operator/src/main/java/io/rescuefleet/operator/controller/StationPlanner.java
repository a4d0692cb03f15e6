package io.rescuefleet.operator.controller;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.ImagingStationSpec;
import io.rescuefleet.api.v1alpha1.ImagingStationStatus;
import io.rescuefleet.api.validate.Problem;
import io.rescuefleet.operator.fleet.StationPresence;
import io.rescuefleet.operator.fleet.StationState;
import io.rescuefleet.operator.policy.AlertKind;
import io.rescuefleet.operator.policy.StationLiveness;
import io.rescuefleet.operator.status.ConditionAggregator;
import io.rescuefleet.operator.status.ConditionSet;
import io.rescuefleet.operator.status.ConditionStatus;
import io.rescuefleet.operator.status.ConditionTypes;
import io.rescuefleet.operator.status.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides a station's liveness and status without side effects: the shortest heartbeat timeout and
 * sampling interval among its drives' policies, online or offline, the conditions (through the one
 * {@link ConditionAggregator}), and a lastHeartbeat written only every refresh interval unless
 * something else in the status changed.
 */
final class StationPlanner {
  private final ConditionAggregator conditions;
  private final StationStatusFactory statuses;
  private final StatusWriter comparer;
  private final Duration heartbeatRefresh;
  private final Clock clock;

  StationPlanner(ConditionAggregator conditions, StationStatusFactory statuses, StatusWriter comparer,
      Duration heartbeatRefresh, Clock clock) {
    this.conditions = conditions;
    this.statuses = statuses;
    this.comparer = comparer;
    this.heartbeatRefresh = heartbeatRefresh;
    this.clock = clock;
  }

  StationPlan plan(ImagingStation station, StationPresence presence, List<EffectivePolicy> policies,
      Map<String, String> driveByPort, List<Problem> problems) {
    Instant now = clock.instant();
    Duration timeout = policies.stream()
        .map(p -> Duration.ofMillis(Math.round(p.stationHeartbeatTimeoutSeconds() * 1000)))
        .min(Duration::compareTo).orElse(StationState.DEFAULT_TIMEOUT);
    double interval = policies.stream().mapToDouble(EffectivePolicy::throughputIntervalSeconds).min()
        .orElse(EffectivePolicy.defaults().throughputIntervalSeconds());
    boolean online = StationLiveness.online(presence.lastHeartbeat(), timeout, now);

    ImagingStationStatus previous = station.getStatus();
    ConditionSet cs = conditions.from(previous == null ? null : previous.conditions, station.getMetadata().getGeneration());
    cs.set(ConditionTypes.VALID, ConditionStatus.of(problems.isEmpty()), problems.isEmpty() ? "Valid" : "InvalidSpec",
        problems.isEmpty() ? "spec is valid" : problems.stream().limit(5).map(Problem::toString).collect(Collectors.joining("; ")));
    if (presence.lastHeartbeat() == null) {
      cs.set(ConditionTypes.ONLINE, ConditionStatus.Unknown, "NoHeartbeatYet", "the station has not sent a heartbeat");
    } else if (online) {
      cs.set(ConditionTypes.ONLINE, ConditionStatus.True, "HeartbeatReceived",
          "heartbeats arrive within " + timeout.toSeconds() + "s");
    } else {
      cs.set(ConditionTypes.ONLINE, ConditionStatus.False, AlertKind.StationHeartbeatLost.name(),
          "no heartbeat since " + Timestamps.format(presence.lastHeartbeat()) + " (timeout " + timeout.toSeconds() + "s)");
    }
    boolean wasOnline = previous != null && Boolean.TRUE.equals(previous.online);

    ImagingStationStatus fresh = statuses.build(station, presence, online, presence.lastHeartbeat(), driveByPort,
        cs.conditions());
    ImagingStationStatus status = fresh;
    Instant recorded = previous == null ? null : Timestamps.parse(previous.lastHeartbeat).orElse(null);
    if (recorded != null && presence.lastHeartbeat() != null
        && Duration.between(recorded, presence.lastHeartbeat()).compareTo(heartbeatRefresh) < 0) {
      ImagingStationStatus kept = statuses.build(station, presence, online, recorded, driveByPort, cs.conditions());
      status = comparer.same(kept, previous) ? kept : fresh;
    }
    return new StationPlan(timeout, interval, portLabels(station), online, wasOnline && !online,
        StationLiveness.untilOffline(presence.lastHeartbeat(), timeout, now), status, cs.transitions());
  }

  /** Port path to label, for the labelled ports of the spec. */
  private static Map<String, String> portLabels(ImagingStation station) {
    Map<String, String> labels = new TreeMap<>();
    if (station.getSpec() != null && station.getSpec().ports != null) {
      for (ImagingStationSpec.Port p : station.getSpec().ports) {
        if (p != null && p.path != null && p.label != null && !p.label.isBlank()) {
          labels.put(p.path, p.label);
        }
      }
    }
    return Map.copyOf(labels);
  }
}
