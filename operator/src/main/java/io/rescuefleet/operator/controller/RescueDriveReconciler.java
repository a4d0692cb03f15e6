package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.operator.binding.Binder;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.fleet.SequenceMark;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reconciles a RescueDrive: observe (its state, where its stick is) → validate and resolve (the
 * shared resolver) → bind → plan (verify level, alerts, quarantine, phase, status) → act (hand the
 * assignment to the station) → record the status. Reconciled also on deletion, to forget the drive.
 */
@ControllerConfiguration(name = RescueDriveReconciler.NAME, triggerReconcilerOnAllEvents = true,
    generationAwareEventProcessing = false, informer = @Informer(onUpdateFilter = DriveUpdateFilter.class))
public final class RescueDriveReconciler implements Reconciler<RescueDrive> {
  public static final String NAME = "rescuedrive";

  private final DriveIndex driveIndex;
  private final StationIndex stationIndex;
  private final ReferenceCaches references;
  private final FleetState fleet;
  private final InboundTriggers triggers;
  private final DriveObserver observer;
  private final SpecChecker checker;
  private final DrivePlanner planner;
  private final DriveActuator actuator;
  private final DriveEvents events;
  private final StatusWriter writer;

  RescueDriveReconciler(DriveIndex driveIndex, StationIndex stationIndex, ReferenceCaches references, FleetState fleet,
      InboundTriggers triggers, DriveObserver observer, SpecChecker checker, DrivePlanner planner, DriveActuator actuator,
      DriveEvents events, StatusWriter writer) {
    this.driveIndex = driveIndex;
    this.stationIndex = stationIndex;
    this.references = references;
    this.fleet = fleet;
    this.triggers = triggers;
    this.observer = observer;
    this.checker = checker;
    this.planner = planner;
    this.actuator = actuator;
    this.events = events;
    this.writer = writer;
  }

  @Override
  public UpdateControl<RescueDrive> reconcile(RescueDrive drive, Context<RescueDrive> context) {
    if (context.isPrimaryResourceDeleted()) {
      checker.forget(ObjectKeys.key(drive));
      actuator.forget(drive);
      return UpdateControl.noUpdate();
    }
    SpecVerdict spec = checker.check(drive, references);
    DriveObservation seen = observer.observe(drive, spec);
    Binding binding = Binder.bind(seen.binding());
    DrivePlan plan = planner.plan(drive, seen, spec, binding);
    actuator.act(drive, seen, plan);
    events.emit(drive, plan.transitions());
    UpdateControl<RescueDrive> control = writer.write(drive, plan.status(), RescueDrive::new, context);
    if (!control.isPatchStatus()) {
      // Written now, or already there: the status holds these reports' marks with their counts.
      // (A server-side-apply patch goes out after this method; the next observation sees it.)
      seen.state().persisted(SequenceMark.of(plan.status()));
    }
    return control;
  }

  @Override
  public List<EventSource<?, RescueDrive>> prepareEventSources(EventSourceContext<RescueDrive> context) {
    driveIndex.attach(context.getPrimaryCache());
    var catalogs = new InformerEventSource<>(InformerEventSourceConfiguration.from(IsoCatalog.class, RescueDrive.class)
        .withName("isocatalogs").withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(c -> driveIndex.ids(DriveIndex.CATALOG, ObjectKeys.key(c))).build(), context);
    var profiles = new InformerEventSource<>(InformerEventSourceConfiguration.from(WtgProfile.class, RescueDrive.class)
        .withName("wtgprofiles").withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(p -> driveIndex.ids(DriveIndex.WTG_PROFILE, ObjectKeys.key(p))).build(), context);
    var policies = new InformerEventSource<>(InformerEventSourceConfiguration.from(FleetPolicy.class, RescueDrive.class)
        .withName("fleetpolicies").withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(p -> driveIndex.ids(DriveIndex.POLICY, ObjectKeys.key(p))).build(), context);
    var stations = new InformerEventSource<>(InformerEventSourceConfiguration.from(ImagingStation.class, RescueDrive.class)
        .withName("imagingstations").withWatchAllNamespaces()
        .withSecondaryToPrimaryMapper(this::drivesOfStation).build(), context);
    references.attach(catalogs, profiles, policies);
    stationIndex.attach(stations);
    return List.of(catalogs, profiles, policies, stations, triggers.drives);
  }

  /** Drives a station change may affect: those claiming it and those bound to a stick in it. */
  private Set<ResourceID> drivesOfStation(ImagingStation station) {
    String name = station.getMetadata().getName();
    Set<ResourceID> ids = new HashSet<>(driveIndex.ids(DriveIndex.CLAIM_STATION, name));
    fleet.drivesBoundTo(name).forEach(key -> ids.add(ObjectKeys.resourceId(key)));
    return ids;
  }
}
