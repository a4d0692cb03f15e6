package io.rescuefleet.api.load;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.rescuefleet.api.resolve.ReferenceLookup;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The objects read from a set of YAML files, in reading order; the CLI's {@link ReferenceLookup}. */
public final class ManifestSet implements ReferenceLookup {
  private final List<HasMetadata> objects = new ArrayList<>();

  void add(HasMetadata object) {
    objects.add(object);
  }

  /** Every object read, in file and document order. */
  public List<HasMetadata> objects() {
    return List.copyOf(objects);
  }

  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public List<RescueDrive> drives() {
    return all(RescueDrive.class);
  }

  public List<ImagingStation> stations() {
    return all(ImagingStation.class);
  }

  @Override
  public Optional<IsoCatalog> catalog(String namespace, String name) {
    return find(IsoCatalog.class, namespace, name);
  }

  @Override
  public Optional<WtgProfile> wtgProfile(String namespace, String name) {
    return find(WtgProfile.class, namespace, name);
  }

  @Override
  public Optional<FleetPolicy> policy(String namespace, String name) {
    return find(FleetPolicy.class, namespace, name);
  }

  @Override
  public Optional<String> secretValue(String namespace, String name, String key) {
    return find(Secret.class, namespace, name).flatMap(secret -> {
      if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
        return Optional.of(secret.getStringData().get(key));
      }
      if (secret.getData() != null && secret.getData().containsKey(key)) {
        return Optional.of(new String(Base64.getMimeDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
      }
      return Optional.empty();
    });
  }

  private <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
    return all(type).stream()
        .filter(o -> name.equals(o.getMetadata().getName()))
        .filter(o -> namespace == null || o.getMetadata().getNamespace() == null || namespace.equals(o.getMetadata().getNamespace()))
        .findFirst();
  }
}
