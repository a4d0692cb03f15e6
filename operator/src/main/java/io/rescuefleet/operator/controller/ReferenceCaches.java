package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.rescuefleet.api.resolve.ReferenceLookup;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.operator.secret.SecretKey;
import io.rescuefleet.operator.secret.SecretStore;
import java.util.Optional;

/** The resolver's {@link ReferenceLookup} over the drive controller's informer caches and the Secret store. */
final class ReferenceCaches implements ReferenceLookup {
  private final SecretStore secrets;
  private volatile InformerEventSource<IsoCatalog, RescueDrive> catalogs;
  private volatile InformerEventSource<WtgProfile, RescueDrive> profiles;
  private volatile InformerEventSource<FleetPolicy, RescueDrive> policies;

  ReferenceCaches(SecretStore secrets) {
    this.secrets = secrets;
  }

  void attach(InformerEventSource<IsoCatalog, RescueDrive> catalogSource,
      InformerEventSource<WtgProfile, RescueDrive> profileSource, InformerEventSource<FleetPolicy, RescueDrive> policySource) {
    catalogs = catalogSource;
    profiles = profileSource;
    policies = policySource;
  }

  @Override
  public Optional<IsoCatalog> catalog(String namespace, String name) {
    return catalogs.get(new ResourceID(name, namespace));
  }

  @Override
  public Optional<WtgProfile> wtgProfile(String namespace, String name) {
    return profiles.get(new ResourceID(name, namespace));
  }

  @Override
  public Optional<FleetPolicy> policy(String namespace, String name) {
    return policies.get(new ResourceID(name, namespace));
  }

  @Override
  public Optional<String> secretValue(String namespace, String name, String key) {
    return secrets.get(new SecretKey(namespace, name, key));
  }
}
