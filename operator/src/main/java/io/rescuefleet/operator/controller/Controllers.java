package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.rescuefleet.api.resolve.Resolver;
import io.rescuefleet.api.validate.ManifestValidator;
import io.rescuefleet.operator.directory.DriveDirectory;
import io.rescuefleet.operator.directory.StationDirectory;
import io.rescuefleet.operator.events.EventRecorder;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import io.rescuefleet.operator.secret.SecretStore;
import io.rescuefleet.operator.stationapi.AssignmentBoard;
import io.rescuefleet.operator.status.ConditionAggregator;
import io.rescuefleet.operator.trigger.StatusCoalescer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The five controllers, built around the collaborators they share; the operator registers them. */
public final class Controllers {
  private final DriveIndex driveIndex = new DriveIndex();
  private final StationIndex stationIndex = new StationIndex();
  private final RescueDriveReconciler drives;
  private final ImagingStationReconciler stations;
  private final IsoCatalogReconciler catalogs;
  private final WtgProfileReconciler profiles;
  private final FleetPolicyReconciler policies;

  public Controllers(FleetState fleet, AssignmentBoard board, InboundTriggers triggers, StatusCoalescer coalescer,
      OperatorMetrics metrics, EventRecorder events, SecretStore secrets, boolean serverSideApply, Duration heartbeatRefresh,
      Clock clock) {
    ManifestValidator validator = new ManifestValidator();
    ConditionAggregator conditions = new ConditionAggregator(clock);
    StatusWriter writer = new StatusWriter(metrics, serverSideApply);
    UsageRecorder usage = new UsageRecorder(validator, conditions, events);
    this.drives = new RescueDriveReconciler(driveIndex, stationIndex, new ReferenceCaches(secrets), fleet, triggers,
        new DriveObserver(fleet, driveIndex, stationIndex), new SpecChecker(new Resolver(validator)),
        new DrivePlanner(conditions, new DriveStatusFactory(), clock), new DriveActuator(fleet, board, triggers, coalescer),
        new DriveEvents(events), writer);
    this.stations = new ImagingStationReconciler(fleet, driveIndex, triggers, validator,
        new StationPlanner(conditions, new StationStatusFactory(), writer, heartbeatRefresh, clock),
        new StationActuator(fleet, driveIndex, coalescer, metrics), new StationEvents(events), writer);
    this.catalogs = new IsoCatalogReconciler(driveIndex, triggers, usage, writer);
    this.profiles = new WtgProfileReconciler(driveIndex, triggers, usage, writer);
    this.policies = new FleetPolicyReconciler(driveIndex, triggers, usage, writer);
  }

  public DriveDirectory driveDirectory() {
    return driveIndex;
  }

  public StationDirectory stationDirectory() {
    return stationIndex;
  }

  /** The namespaced controllers, which follow the operator's watched namespaces. */
  public List<Reconciler<?>> namespaced() {
    return List.of(catalogs, profiles, policies, drives);
  }

  /** The ImagingStation controller: cluster-scoped, it watches the whole cluster. */
  public Reconciler<?> clusterScoped() {
    return stations;
  }
}
