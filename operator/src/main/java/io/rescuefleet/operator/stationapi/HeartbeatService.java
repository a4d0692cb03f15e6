package io.rescuefleet.operator.stationapi;

import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.api.wire.HeartbeatAck;
import io.rescuefleet.operator.directory.DriveDirectory;
import io.rescuefleet.operator.directory.StationDirectory;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.fleet.PresenceChange;
import io.rescuefleet.operator.fleet.StationState;
import io.rescuefleet.operator.trigger.ReconcileTriggers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records a station's heartbeat and has every drive whose binding it may change reconciled at once:
 * the station itself is reconciled when its sticks changed or its lastHeartbeat is due a refresh;
 * drives naming a serial that appeared, left, moved or was re-inserted, drives claiming a port whose
 * stick changed, and, when the station comes back online, every drive claiming it or named by a
 * stick it holds. The answer carries the ImagingStation's {@code allowDevices}.
 */
public final class HeartbeatService {
  private final FleetState fleet;
  private final DriveDirectory drives;
  private final StationDirectory stations;
  private final AssignmentBoard board;
  private final ReconcileTriggers triggers;
  private final Duration statusRefresh;
  private final Clock clock;

  public HeartbeatService(FleetState fleet, DriveDirectory drives, StationDirectory stations, AssignmentBoard board,
      ReconcileTriggers triggers, Duration statusRefresh, Clock clock) {
    this.fleet = fleet;
    this.drives = drives;
    this.stations = stations;
    this.board = board;
    this.triggers = triggers;
    this.statusRefresh = statusRefresh;
    this.clock = clock;
  }

  public HeartbeatAck record(String station, Heartbeat heartbeat) {
    Instant now = clock.instant();
    PresenceChange change = fleet.recordHeartbeat(station, heartbeat, now);
    if (change.any()) {
      Set<String> affected = new TreeSet<>();
      change.serials().forEach(serial -> affected.addAll(drives.namingSerial(serial)));
      change.ports().forEach(port -> affected.addAll(drives.claimingPort(station, port)));
      if (change.cameOnline()) {
        affected.addAll(drives.claimingStation(station));
        for (StickInfo stick : heartbeat.sticks()) {
          affected.addAll(drives.namingSerial(stick.serial()));
        }
      }
      // Drives bound to a stick that left are found by its serial above, or by its claimed port.
      triggers.drives(affected);
    }
    StationState state = fleet.station(station);
    if (state.refreshDue(now, statusRefresh) || change.any()) {
      triggers.station(station);
    }
    return new HeartbeatAck(station, state.samplingInterval(), board.version(station), allowDevices(station));
  }

  /** The ImagingStation's allowlist, which the station intersects with its own. */
  private List<String> allowDevices(String station) {
    return stations.get(station).map(s -> s.getSpec() == null || s.getSpec().allowDevices == null
        ? List.<String>of() : s.getSpec().allowDevices.stream().filter(Objects::nonNull).toList()).orElse(List.of());
  }
}
