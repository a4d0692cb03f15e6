package io.rescuefleet.operator.fleet;

import io.rescuefleet.api.v1alpha1.ImagingStationStatus;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.binding.LocatedStick;
import io.rescuefleet.operator.fleet.FleetSnapshot.DriveView;
import io.rescuefleet.operator.fleet.FleetSnapshot.PortView;
import io.rescuefleet.operator.fleet.FleetSnapshot.StationView;
import io.rescuefleet.operator.status.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's in-memory fleet: stations with the sticks their latest heartbeat lists, an index
 * of sticks by serial, and a {@link DriveState} per RescueDrive. Stations and reconcilers share
 * it; each station's heartbeats are applied one at a time.
 */
public final class FleetState implements FleetView {
  private final Clock clock;
  private final ConcurrentHashMap<String, StationState> stations = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, DriveState> drives = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LocatedStick> sticksBySerial = new ConcurrentHashMap<>();
  /** Drives by the station they were last bound to (kept while unbound, until bound elsewhere or deleted). */
  private final ConcurrentHashMap<String, Set<String>> lastBoundByStation = new ConcurrentHashMap<>();

  public FleetState(Clock clock) {
    this.clock = clock;
  }

  public DriveState drive(String key) {
    return drives.computeIfAbsent(key, DriveState::new);
  }

  public Optional<DriveState> existingDrive(String key) {
    return Optional.ofNullable(drives.get(key));
  }

  public void forgetDrive(String key) {
    DriveState gone = drives.remove(key);
    if (gone != null) {
      unindex(key, gone.lastBoundStation());
    }
  }

  /**
   * Seeds a drive's state from its status (only the first call has an effect) and indexes the
   * station its stick was last in.
   */
  public void seedDrive(DriveState drive, io.rescuefleet.api.v1alpha1.RescueDriveStatus status) {
    String was = drive.lastBoundStation();
    drive.seed(status);
    reindex(drive, was);
  }

  /** Records what a reconcile decided for a drive, keeping the index of drives by station current. */
  public void decided(DriveState drive, io.rescuefleet.api.resolve.EffectivePolicy policy, Binding binding,
      io.rescuefleet.api.v1alpha1.DrivePhase phase, Set<io.rescuefleet.operator.policy.AlertKind> firing,
      boolean quarantined) {
    String was = drive.lastBoundStation();
    drive.decided(policy, binding, phase, firing, quarantined);
    reindex(drive, was);
  }

  private void reindex(DriveState drive, String was) {
    String now = drive.lastBoundStation();
    if (!Objects.equals(was, now)) {
      unindex(drive.key(), was);
      if (now != null) {
        lastBoundByStation.computeIfAbsent(now, s -> ConcurrentHashMap.newKeySet()).add(drive.key());
      }
    }
  }

  private void unindex(String key, String station) {
    if (station != null) {
      lastBoundByStation.computeIfPresent(station, (s, keys) -> {
        keys.remove(key);
        return keys.isEmpty() ? null : keys;
      });
    }
  }

  public Iterable<DriveState> drives() {
    return drives.values();
  }

  public StationState station(String name) {
    return stations.computeIfAbsent(name, StationState::new);
  }

  public Iterable<StationState> stations() {
    return stations.values();
  }

  /** Forgets a deleted station and the sticks it held; returns the serials it held. */
  public Set<String> forgetStation(String name) {
    StationState gone = stations.remove(name);
    if (gone == null) {
      return Set.of();
    }
    Set<String> serials = new HashSet<>();
    synchronized (gone) {
      for (StickInfo stick : gone.presence().sticksByPort().values()) {
        serials.add(stick.serial());
        sticksBySerial.computeIfPresent(stick.serial(), (s, at) -> at.station().equals(name) ? null : at);
      }
    }
    return serials;
  }

  /**
   * Takes a station's last known sticks from its status when this operator has not heard from it
   * yet, so a restart or a change of leader does not mark every stick absent until heartbeats return.
   */
  public void seedStation(String name, ImagingStationStatus status) {
    StationState state = station(name);
    synchronized (state) {
      if (state.presence() != StationPresence.NEVER || status == null) {
        return;
      }
      Instant last = Timestamps.parse(status.lastHeartbeat).orElse(null);
      if (last == null) {
        return;
      }
      Map<String, StickInfo> sticks = new HashMap<>();
      if (status.ports != null) {
        for (var p : status.ports) {
          if (p.serial != null && p.path != null) {
            sticks.put(p.path, new StickInfo(p.serial, p.path, null, null, 0, p.driveUuid, null, null));
          }
        }
      }
      replace(state, new StationPresence(last, null, sticks, true), clock.instant());
    }
  }

  /** Applies a validated heartbeat received at {@code at} and says what changed. */
  public PresenceChange recordHeartbeat(String name, Heartbeat heartbeat, Instant at) {
    StationState state = station(name);
    synchronized (state) {
      StationPresence before = state.presence();
      boolean wasOnline = state.online(at);
      Map<String, StickInfo> sticks = new LinkedHashMap<>();
      for (StickInfo stick : heartbeat.sticks()) {
        sticks.put(stick.port(), stick);
      }
      StationPresence after = new StationPresence(at, heartbeat.agentVersion(), sticks, false);
      Set<String> serials = new TreeSet<>();
      Set<String> ports = new TreeSet<>();
      Set<String> allPorts = new HashSet<>(before.sticksByPort().keySet());
      allPorts.addAll(after.sticksByPort().keySet());
      for (String port : allPorts) {
        StickInfo was = before.sticksByPort().get(port);
        StickInfo is = after.sticksByPort().get(port);
        if (!sameStick(was, is, before.seeded())) {
          ports.add(port);
          if (was != null) {
            serials.add(was.serial());
          }
          if (is != null) {
            serials.add(is.serial());
          }
        }
      }
      serials.addAll(replace(state, after, at));
      return new PresenceChange(serials, ports, !wasOnline);
    }
  }

  /** Where the stick with {@code serial} is, if an online station holds it. */
  public Optional<LocatedStick> stickWithSerial(String serial) {
    LocatedStick at = sticksBySerial.get(serial);
    return at != null && station(at.station()).online(clock.instant()) ? Optional.of(at) : Optional.empty();
  }

  /** The stick in {@code port} of {@code station}, if the station is online and the port occupied. */
  public Optional<LocatedStick> stickAt(String stationName, String port) {
    StationState state = stations.get(stationName);
    if (state == null || !state.online(clock.instant())) {
      return Optional.empty();
    }
    StickInfo stick = state.presence().sticksByPort().get(port);
    return stick == null ? Optional.empty() : Optional.of(new LocatedStick(stationName, stick));
  }

  /** Keys of the drives bound to a stick in {@code station} now. */
  public Set<String> drivesBoundTo(String stationName) {
    Set<String> keys = new TreeSet<>();
    for (String key : drivesLastBoundTo(stationName)) {
      DriveState d = drives.get(key);
      Binding b = d == null ? null : d.binding();
      if (b != null && b.bound() && b.station().equals(stationName)) {
        keys.add(key);
      }
    }
    return keys;
  }

  /**
   * Keys of the drives whose stick was last in {@code station}, in it now or not: the drives whose
   * policies set the station's heartbeat timeout, so the timeout does not change when a stick leaves.
   */
  public Set<String> drivesLastBoundTo(String stationName) {
    Set<String> keys = lastBoundByStation.get(stationName);
    return keys == null ? Set.of() : new TreeSet<>(keys);
  }

  @Override
  public FleetSnapshot snapshot() {
    Instant now = clock.instant();
    Map<String, String> driveAtPort = new HashMap<>();
    List<DriveView> driveViews = new ArrayList<>();
    for (DriveState d : drives.values()) {
      DriveRuntime r = d.runtime();
      Binding b = d.binding();
      if (b != null && b.bound()) {
        driveAtPort.put(b.station() + "\n" + b.port(), d.key());
      }
      driveViews.add(new DriveView(d.key(), d.phase(), r.station(), r.port(), r.serial(), r.lastSeen(), r.progress(),
          r.lastWriteMBps(), r.lastReadMBps(), d.policy().minWriteMBps(), d.policy().minReadMBps(), r.bytesWritten(), r.lastVerify(), r.verifyPlan().due(), d.alerts(),
          d.quarantined(), r.driftCorrections(), r.driftHistory()));
    }
    driveViews.sort(Comparator.comparing(DriveView::key));
    List<StationView> stationViews = new ArrayList<>();
    for (StationState s : stations.values()) {
      StationPresence p = s.presence();
      Map<String, String> labels = s.portLabels();
      Set<String> paths = new TreeSet<>(labels.keySet());
      paths.addAll(p.sticksByPort().keySet());
      List<PortView> ports = new ArrayList<>();
      for (String path : paths) {
        StickInfo st = p.sticksByPort().get(path);
        ports.add(st == null
            ? new PortView(path, labels.get(path), null, null, null, 0, null, null)
            : new PortView(path, labels.get(path), st.serial(), st.vendor(), st.model(), st.sizeBytes(), st.driveUuid(),
                driveAtPort.get(s.name() + "\n" + path)));
      }
      stationViews.add(new StationView(s.name(), s.online(now), p.lastHeartbeat(), p.agentVersion(), ports));
    }
    stationViews.sort(Comparator.comparing(StationView::name));
    return new FleetSnapshot(now, List.copyOf(stationViews), List.copyOf(driveViews));
  }

  /**
   * Makes {@code after} the station's presence and re-indexes its sticks by serial. A serial that
   * another online station lists stays where it is: a station cannot take a stick, and with it the
   * drive's assignment and the right to report it, by naming its serial. It moves once that station
   * no longer lists it or goes offline. Returns the serials that moved here from another station.
   */
  private Set<String> replace(StationState state, StationPresence after, Instant now) {
    StationPresence before = state.presence();
    Set<String> listedNotHere = new HashSet<>();
    for (StickInfo gone : before.sticksByPort().values()) {
      LocatedStick at = sticksBySerial.get(gone.serial());
      if (at == null || !at.station().equals(state.name())) {
        listedNotHere.add(gone.serial());
      }
      sticksBySerial.computeIfPresent(gone.serial(), (s, x) -> x.station().equals(state.name()) ? null : x);
    }
    state.presence(after);
    Set<String> movedHere = new TreeSet<>();
    for (StickInfo stick : after.sticksByPort().values()) {
      sticksBySerial.compute(stick.serial(), (serial, at) -> {
        if (at != null && !at.station().equals(state.name()) && heldElsewhere(at, now)) {
          return at;
        }
        // Listed before but held elsewhere then: it is this station's now, and its drives must know.
        if (listedNotHere.contains(serial) || at != null && !at.station().equals(state.name())) {
          movedHere.add(serial);
        }
        return new LocatedStick(state.name(), stick);
      });
    }
    // A stick that left here but that another online station lists is there now.
    for (StickInfo gone : before.sticksByPort().values()) {
      if (!listedNotHere.contains(gone.serial()) && !sticksBySerial.containsKey(gone.serial())) {
        relocate(gone.serial(), state.name(), now);
      }
    }
    return movedHere;
  }

  private void relocate(String serial, String leaving, Instant now) {
    for (StationState other : stations.values()) {
      if (other.name().equals(leaving) || !other.online(now)) {
        continue;
      }
      for (StickInfo stick : other.presence().sticksByPort().values()) {
        if (stick.serial().equals(serial)) {
          sticksBySerial.putIfAbsent(serial, new LocatedStick(other.name(), stick));
          return;
        }
      }
    }
  }

  /** Whether the station {@code at} names is online and still lists the stick. */
  private boolean heldElsewhere(LocatedStick at, Instant now) {
    StationState other = stations.get(at.station());
    return other != null && other.online(now)
        && other.presence().sticksByPort().values().stream().anyMatch(s -> s.serial().equals(at.stick().serial()));
  }

  /**
   * Same stick, same insertion, same identity. A seeded stick has no insertion id and no manifest
   * owner, so the first real heartbeat after a restart is not taken for a re-insertion. An identity
   * learnt or changed (the station read the stick's manifest, or a run wrote a new one) is a change:
   * a claim must not take a stick whose manifest names another drive.
   */
  private static boolean sameStick(StickInfo was, StickInfo is, boolean seeded) {
    if (was == null || is == null) {
      return was == is;
    }
    if (!was.serial().equals(is.serial())) {
      return false;
    }
    if (seeded && was.insertionId() == null) {
      return true;
    }
    return Objects.equals(was.insertionId(), is.insertionId()) && Objects.equals(was.driveUuid(), is.driveUuid())
        && Objects.equals(was.driveKey(), is.driveKey());
  }
}
