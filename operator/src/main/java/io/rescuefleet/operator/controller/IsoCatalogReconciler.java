package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogStatus;
import java.util.List;
import java.util.Set;

/**
 * Reconciles an IsoCatalog: observe (drives using it, through the drive informer's index) → validate
 * → record entry count, declared bytes and users. Drives re-resolve on a catalog change through
 * their own controller's informer on catalogs.
 */
@ControllerConfiguration(name = IsoCatalogReconciler.NAME)
public final class IsoCatalogReconciler implements Reconciler<IsoCatalog> {
  public static final String NAME = "isocatalog";

  private final DriveIndex drives;
  private final InboundTriggers triggers;
  private final UsageRecorder usage;
  private final StatusWriter writer;

  IsoCatalogReconciler(DriveIndex drives, InboundTriggers triggers, UsageRecorder usage, StatusWriter writer) {
    this.drives = drives;
    this.triggers = triggers;
    this.usage = usage;
    this.writer = writer;
  }

  @Override
  public UpdateControl<IsoCatalog> reconcile(IsoCatalog catalog, Context<IsoCatalog> context) {
    Set<String> users = drives.using(DriveIndex.CATALOG, catalog.getMetadata().getNamespace(), catalog.getMetadata().getName());
    IsoCatalogStatus status = new IsoCatalogStatus();
    status.observedGeneration = catalog.getMetadata().getGeneration();
    status.conditions = usage.conditions(catalog, catalog.getStatus(), users.size());
    List<CatalogEntry> entries = catalog.getSpec() == null || catalog.getSpec().entries == null ? List.of()
        : catalog.getSpec().entries;
    status.entryCount = entries.size();
    status.totalBytes = entries.stream().filter(e -> e != null && e.size != null).mapToLong(e -> e.size).sum();
    status.driveCount = users.size();
    status.usedBy = UsageRecorder.usedBy(users);
    return writer.write(catalog, status, IsoCatalog::new, context);
  }

  @Override
  public List<EventSource<?, IsoCatalog>> prepareEventSources(EventSourceContext<IsoCatalog> context) {
    return List.of(triggers.catalogs);
  }
}
