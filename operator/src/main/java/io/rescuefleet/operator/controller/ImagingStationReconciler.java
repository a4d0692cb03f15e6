package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.validate.ManifestValidator;
import io.rescuefleet.api.validate.Problem;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.fleet.DriveState;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.fleet.StationState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reconciles an ImagingStation: observe (its latest heartbeat, the drives it serves) → validate →
 * plan (online by its drives' policies, status) → act (drives re-bind when it goes offline) →
 * record the status. Reschedules itself for the moment the station would go offline; heartbeats
 * trigger it too. Reconciled also on deletion, to forget the station.
 */
@ControllerConfiguration(name = ImagingStationReconciler.NAME, triggerReconcilerOnAllEvents = true)
public final class ImagingStationReconciler implements Reconciler<ImagingStation> {
  public static final String NAME = "imagingstation";
  /** Slack after the timeout before re-checking, so the check lands after the deadline. */
  private static final Duration RECHECK_SLACK = Duration.ofMillis(250);

  private final FleetState fleet;
  private final DriveIndex drives;
  private final InboundTriggers triggers;
  private final ManifestValidator validator;
  private final StationPlanner planner;
  private final StationActuator actuator;
  private final StationEvents events;
  private final StatusWriter writer;

  ImagingStationReconciler(FleetState fleet, DriveIndex drives, InboundTriggers triggers, ManifestValidator validator,
      StationPlanner planner, StationActuator actuator, StationEvents events, StatusWriter writer) {
    this.fleet = fleet;
    this.drives = drives;
    this.triggers = triggers;
    this.validator = validator;
    this.planner = planner;
    this.actuator = actuator;
    this.events = events;
    this.writer = writer;
  }

  @Override
  public UpdateControl<ImagingStation> reconcile(ImagingStation station, Context<ImagingStation> context) {
    String name = station.getMetadata().getName();
    if (context.isPrimaryResourceDeleted()) {
      actuator.forget(name);
      return UpdateControl.noUpdate();
    }
    fleet.seedStation(name, station.getStatus());
    StationState state = fleet.station(name);
    List<Problem> problems = validator.validate(station);
    StationPlan plan = planner.plan(station, state.presence(), policiesOfServedDrives(name), drivesByPort(name), problems);
    actuator.act(name, state, plan);
    events.emit(station, plan.transitions());
    UpdateControl<ImagingStation> update = writer.write(station, plan.status(), ImagingStation::new, context);
    if (plan.online()) {
      update.rescheduleAfter(plan.untilOffline().plus(RECHECK_SLACK));
    }
    return update;
  }

  @Override
  public List<EventSource<?, ImagingStation>> prepareEventSources(EventSourceContext<ImagingStation> context) {
    return List.of(triggers.stations);
  }

  /** Policies of the drives whose stick was last in the station, and of those claiming one of its ports. */
  private List<EffectivePolicy> policiesOfServedDrives(String name) {
    Set<String> served = new TreeSet<>(fleet.drivesLastBoundTo(name));
    served.addAll(drives.claimingStation(name));
    return served.stream().map(fleet::existingDrive).flatMap(java.util.Optional::stream).map(DriveState::policy)
        .filter(Objects::nonNull).toList();
  }

  private Map<String, String> drivesByPort(String name) {
    Map<String, String> driveByPort = new HashMap<>();
    for (String key : fleet.drivesBoundTo(name)) {
      fleet.existingDrive(key).map(DriveState::binding).filter(Binding::bound).ifPresent(b -> driveByPort.put(b.port(), key));
    }
    return driveByPort;
  }
}
