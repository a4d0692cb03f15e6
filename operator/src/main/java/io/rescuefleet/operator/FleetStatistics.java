package io.rescuefleet.operator;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.operator.fleet.DriveState;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.fleet.StationState;
import io.rescuefleet.operator.metrics.FleetGauges;
import io.rescuefleet.operator.policy.AlertKind;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** The gauges' numbers, counted from the fleet state when Prometheus scrapes. */
final class FleetStatistics implements FleetGauges {
  private final FleetState fleet;
  private final Clock clock;

  FleetStatistics(FleetState fleet, Clock clock) {
    this.fleet = fleet;
    this.clock = clock;
  }

  @Override
  public Map<DrivePhase, Long> drivesByPhase() {
    Map<DrivePhase, Long> counts = new EnumMap<>(DrivePhase.class);
    for (DriveState d : fleet.drives()) {
      DrivePhase phase = d.phase();
      if (phase != null) {
        counts.merge(phase, 1L, Long::sum);
      }
    }
    return counts;
  }

  @Override
  public Map<AlertKind, Long> alertsFiring() {
    Map<AlertKind, Long> counts = new EnumMap<>(AlertKind.class);
    for (DriveState d : fleet.drives()) {
      d.alerts().forEach(kind -> counts.merge(kind, 1L, Long::sum));
    }
    Instant now = clock.instant();
    for (StationState s : fleet.stations()) {
      if (s.presence().lastHeartbeat() != null && !s.online(now)) {
        counts.merge(AlertKind.StationHeartbeatLost, 1L, Long::sum);
      }
    }
    return counts;
  }

  @Override
  public long quarantinedDrives() {
    long n = 0;
    for (DriveState d : fleet.drives()) {
      if (d.quarantined()) {
        n++;
      }
    }
    return n;
  }

  @Override
  public Map<String, Boolean> stationsUp() {
    Instant now = clock.instant();
    Map<String, Boolean> up = new TreeMap<>();
    for (StationState s : fleet.stations()) {
      up.put(s.name(), s.online(now));
    }
    return up;
  }
}
