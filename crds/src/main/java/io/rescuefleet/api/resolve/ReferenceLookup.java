package io.rescuefleet.api.resolve;

import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import java.util.Optional;

/**
 * Where the resolver finds what a RescueDrive references: informer caches in the operator, the
 * loaded YAML in the CLI. Keeps the resolver pure.
 */
public interface ReferenceLookup {
  Optional<IsoCatalog> catalog(String namespace, String name);

  Optional<WtgProfile> wtgProfile(String namespace, String name);

  Optional<FleetPolicy> policy(String namespace, String name);

  /** The decoded value of a Secret key, if the Secret and key exist. */
  Optional<String> secretValue(String namespace, String name, String key);
}
