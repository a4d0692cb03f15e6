package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.api.v1alpha1.WtgProfileStatus;
import java.util.List;
import java.util.Set;

/** Reconciles a WtgProfile: observe its users (drive index) → validate → record the count and names. */
@ControllerConfiguration(name = WtgProfileReconciler.NAME)
public final class WtgProfileReconciler implements Reconciler<WtgProfile> {
  public static final String NAME = "wtgprofile";

  private final DriveIndex drives;
  private final InboundTriggers triggers;
  private final UsageRecorder usage;
  private final StatusWriter writer;

  WtgProfileReconciler(DriveIndex drives, InboundTriggers triggers, UsageRecorder usage, StatusWriter writer) {
    this.drives = drives;
    this.triggers = triggers;
    this.usage = usage;
    this.writer = writer;
  }

  @Override
  public UpdateControl<WtgProfile> reconcile(WtgProfile profile, Context<WtgProfile> context) {
    Set<String> users = drives.using(DriveIndex.WTG_PROFILE, profile.getMetadata().getNamespace(),
        profile.getMetadata().getName());
    WtgProfileStatus status = new WtgProfileStatus();
    status.observedGeneration = profile.getMetadata().getGeneration();
    status.conditions = usage.conditions(profile, profile.getStatus(), users.size());
    status.driveCount = users.size();
    status.usedBy = UsageRecorder.usedBy(users);
    return writer.write(profile, status, WtgProfile::new, context);
  }

  @Override
  public List<EventSource<?, WtgProfile>> prepareEventSources(EventSourceContext<WtgProfile> context) {
    return List.of(triggers.profiles);
  }
}
