package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.ImagingStationStatus;
import io.rescuefleet.api.validate.ManifestValidator;
import io.rescuefleet.api.validate.Problem;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.events.EventRecorder;
import io.rescuefleet.operator.fleet.DriveState;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.fleet.StationPresence;
import io.rescuefleet.operator.fleet.StationState;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import io.rescuefleet.operator.policy.AlertKind;
import io.rescuefleet.operator.policy.StationLiveness;
import io.rescuefleet.operator.status.ConditionAggregator;
import io.rescuefleet.operator.status.ConditionSet;
import io.rescuefleet.operator.status.ConditionStatus;
import io.rescuefleet.operator.status.ConditionTypes;
import io.rescuefleet.operator.status.Timestamps;
import io.rescuefleet.operator.status.Transition;
import io.rescuefleet.operator.trigger.StatusCoalescer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reconciles an ImagingStation: observe (its latest heartbeat, the drives it serves and their
 * policies) → validate → decide online or offline by the policies' heartbeat timeout → act (drives
 * bound there re-bind when it goes offline) → record the status. Reschedules itself for the moment
 * the station would go offline; heartbeats trigger it too.
 */
@ControllerConfiguration(name = ImagingStationReconciler.NAME, triggerReconcilerOnAllEvents = true)
public final class ImagingStationReconciler implements Reconciler<ImagingStation> {
  public static final String NAME = "imagingstation";
  /** Slack after the timeout before re-checking, so the check lands after the deadline. */
  private static final Duration RECHECK_SLACK = Duration.ofMillis(250);

  private final FleetState fleet;
  private final DriveIndex drives;
  private final InboundTriggers triggers;
  private final StatusCoalescer coalescer;
  private final ManifestValidator validator;
  private final ConditionAggregator conditions;
  private final StationStatusFactory statuses;
  private final StatusWriter writer;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Duration heartbeatRefresh;
  private final Clock clock;

  ImagingStationReconciler(FleetState fleet, DriveIndex drives, InboundTriggers triggers, StatusCoalescer coalescer,
      ManifestValidator validator, ConditionAggregator conditions, StationStatusFactory statuses, StatusWriter writer,
      EventRecorder events, OperatorMetrics metrics, Duration heartbeatRefresh, Clock clock) {
    this.fleet = fleet;
    this.drives = drives;
    this.triggers = triggers;
    this.coalescer = coalescer;
    this.validator = validator;
    this.conditions = conditions;
    this.statuses = statuses;
    this.writer = writer;
    this.events = events;
    this.metrics = metrics;
    this.heartbeatRefresh = heartbeatRefresh;
    this.clock = clock;
  }

  @Override
  public UpdateControl<ImagingStation> reconcile(ImagingStation station, Context<ImagingStation> context) {
    String name = station.getMetadata().getName();
    if (context.isPrimaryResourceDeleted()) {
      Set<String> affected = affectedDrives(name, fleet.forgetStation(name));
      metrics.forgetStation(name);
      coalescer.drives(affected);
      return UpdateControl.noUpdate();
    }
    // observe
    fleet.seedStation(name, station.getStatus());
    StationState state = fleet.station(name);
    Set<String> served = new TreeSet<>(fleet.drivesLastBoundTo(name));
    served.addAll(drives.claimingStation(name));
    applyPolicies(state, served);
    StationPresence presence = state.presence();
    Instant now = clock.instant();
    // validate
    List<Problem> problems = validator.validate(station);
    // decide
    boolean online = state.online(now);
    ImagingStationStatus previous = station.getStatus();
    ConditionSet cs = conditions.from(previous == null ? null : previous.conditions, station.getMetadata().getGeneration());
    cs.set(ConditionTypes.VALID, ConditionStatus.of(problems.isEmpty()), problems.isEmpty() ? "Valid" : "InvalidSpec",
        problems.isEmpty() ? "spec is valid" : problems.stream().limit(5).map(Problem::toString).collect(Collectors.joining("; ")));
    if (presence.lastHeartbeat() == null) {
      cs.set(ConditionTypes.ONLINE, ConditionStatus.Unknown, "NoHeartbeatYet", "the station has not sent a heartbeat");
    } else if (online) {
      cs.set(ConditionTypes.ONLINE, ConditionStatus.True, "HeartbeatReceived",
          "heartbeats arrive within " + state.timeout().toSeconds() + "s");
    } else {
      cs.set(ConditionTypes.ONLINE, ConditionStatus.False, AlertKind.StationHeartbeatLost.name(),
          "no heartbeat since " + Timestamps.format(presence.lastHeartbeat()) + " (timeout " + state.timeout().toSeconds() + "s)");
    }
    // act
    boolean wasOnline = previous != null && Boolean.TRUE.equals(previous.online);
    if (wasOnline && !online) {
      coalescer.drives(affectedDrives(name, serials(presence)));
    }
    // record
    emit(station, cs.transitions());
    ImagingStationStatus status = status(station, presence, online, now, cs, previous);
    UpdateControl<ImagingStation> update = writer.write(station, status, ImagingStation::new, context);
    if (online) {
      update.rescheduleAfter(StationLiveness.untilOffline(presence.lastHeartbeat(), state.timeout(), now).plus(RECHECK_SLACK));
    }
    return update;
  }

  @Override
  public List<EventSource<?, ImagingStation>> prepareEventSources(EventSourceContext<ImagingStation> context) {
    return List.of(triggers.stations);
  }

  /** The shortest heartbeat timeout and sampling interval among the policies of the drives the station serves. */
  private void applyPolicies(StationState state, Set<String> served) {
    Duration timeout = null;
    Double interval = null;
    for (String key : served) {
      EffectivePolicy p = fleet.existingDrive(key).map(DriveState::policy).orElse(null);
      if (p != null) {
        Duration t = Duration.ofMillis(Math.round(p.stationHeartbeatTimeoutSeconds() * 1000));
        timeout = timeout == null || t.compareTo(timeout) < 0 ? t : timeout;
        interval = interval == null ? p.throughputIntervalSeconds() : Math.min(interval, p.throughputIntervalSeconds());
      }
    }
    state.timeout(timeout == null ? StationState.DEFAULT_TIMEOUT : timeout);
    state.samplingInterval(interval == null ? EffectivePolicy.defaults().throughputIntervalSeconds() : interval);
  }

  /**
   * The status, with lastHeartbeat moved on only every refresh interval unless something else
   * changed: heartbeats alone must not cost a status write each.
   */
  private ImagingStationStatus status(ImagingStation station, StationPresence presence, boolean online, Instant now,
      ConditionSet cs, ImagingStationStatus previous) {
    Map<String, String> driveByPort = new HashMap<>();
    for (String key : fleet.drivesBoundTo(station.getMetadata().getName())) {
      fleet.existingDrive(key).map(DriveState::binding).filter(Binding::bound).ifPresent(b -> driveByPort.put(b.port(), key));
    }
    ImagingStationStatus fresh = statuses.build(station, presence, online, presence.lastHeartbeat(), driveByPort,
        cs.conditions());
    Instant recorded = previous == null ? null : Timestamps.parse(previous.lastHeartbeat).orElse(null);
    if (recorded == null || presence.lastHeartbeat() == null
        || Duration.between(recorded, presence.lastHeartbeat()).compareTo(heartbeatRefresh) >= 0) {
      return fresh;
    }
    ImagingStationStatus kept = statuses.build(station, presence, online, recorded, driveByPort, cs.conditions());
    return writer.same(kept, previous) ? kept : fresh;
  }

  private Set<String> affectedDrives(String station, Set<String> serials) {
    Set<String> affected = new TreeSet<>(fleet.drivesBoundTo(station));
    affected.addAll(drives.claimingStation(station));
    serials.forEach(serial -> affected.addAll(drives.namingSerial(serial)));
    return affected;
  }

  private static Set<String> serials(StationPresence presence) {
    return presence.sticksByPort().values().stream().map(StickInfo::serial).collect(Collectors.toSet());
  }

  private void emit(ImagingStation station, List<Transition> transitions) {
    for (Transition t : transitions) {
      if (ConditionTypes.ONLINE.equals(t.type())) {
        if (t.to() == ConditionStatus.False) {
          events.warning(station, t.reason(), t.message());
        } else if (t.to() == ConditionStatus.True && t.from() == ConditionStatus.False) {
          events.normal(station, "StationOnline", t.message());
        }
      } else if (ConditionTypes.VALID.equals(t.type()) && t.to() == ConditionStatus.False) {
        events.warning(station, t.reason(), t.message());
      }
    }
  }
}
