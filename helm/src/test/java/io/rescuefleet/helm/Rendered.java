package io.rescuefleet.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The objects `helm template` rendered, as fabric8 model objects (GenericKubernetesResource for CRD kinds). */
record Rendered(List<HasMetadata> objects) {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  static Rendered parse(String manifests) {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(manifests)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        // Templates that render nothing leave empty documents behind.
        if (document != null && !document.isNull() && !document.isEmpty()) {
          objects.add((HasMetadata) KUBERNETES.convertValue(document, KubernetesResource.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm template rendered invalid YAML", e);
    }
    return new Rendered(List.copyOf(objects));
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name).orElseThrow(() -> new NoSuchElementException(
        "no " + type.getSimpleName() + " " + name + " among " + names()));
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return objects.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst();
  }

  /** A custom resource (ServiceMonitor, PrometheusRule) by kind and name. */
  GenericKubernetesResource custom(String kind, String name) {
    return findCustom(kind, name).orElseThrow(() -> new NoSuchElementException(
        "no " + kind + " " + name + " among " + names()));
  }

  Optional<GenericKubernetesResource> findCustom(String kind, String name) {
    return objects.stream()
        .filter(o -> o instanceof GenericKubernetesResource && o.getKind().equals(kind))
        .map(GenericKubernetesResource.class::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst();
  }

  List<String> names() {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  /** Converts any object (e.g. a nested map) to a model class. */
  static <T> T convert(Object value, Class<T> type) {
    return KUBERNETES.convertValue(value, type);
  }
}
