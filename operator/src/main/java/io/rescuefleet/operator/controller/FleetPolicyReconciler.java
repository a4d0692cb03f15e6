package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.FleetPolicyStatus;
import java.util.List;
import java.util.Set;

/**
 * Reconciles a FleetPolicy: observe the drives it governs (those naming it, and for "default" those
 * naming none) → validate → record the count and names.
 */
@ControllerConfiguration(name = FleetPolicyReconciler.NAME)
public final class FleetPolicyReconciler implements Reconciler<FleetPolicy> {
  public static final String NAME = "fleetpolicy";

  private final DriveIndex drives;
  private final InboundTriggers triggers;
  private final UsageRecorder usage;
  private final StatusWriter writer;

  FleetPolicyReconciler(DriveIndex drives, InboundTriggers triggers, UsageRecorder usage, StatusWriter writer) {
    this.drives = drives;
    this.triggers = triggers;
    this.usage = usage;
    this.writer = writer;
  }

  @Override
  public UpdateControl<FleetPolicy> reconcile(FleetPolicy policy, Context<FleetPolicy> context) {
    Set<String> governed = drives.using(DriveIndex.POLICY, policy.getMetadata().getNamespace(),
        policy.getMetadata().getName());
    FleetPolicyStatus status = new FleetPolicyStatus();
    status.observedGeneration = policy.getMetadata().getGeneration();
    status.conditions = usage.conditions(policy, policy.getStatus(), governed.size());
    status.driveCount = governed.size();
    status.usedBy = UsageRecorder.usedBy(governed);
    return writer.write(policy, status, FleetPolicy::new, context);
  }

  @Override
  public List<EventSource<?, FleetPolicy>> prepareEventSources(EventSourceContext<FleetPolicy> context) {
    return List.of(triggers.policies);
  }
}
