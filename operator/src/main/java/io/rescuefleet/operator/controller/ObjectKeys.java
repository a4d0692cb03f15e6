package io.rescuefleet.operator.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** {@code namespace/name} keys, as drives are named on the wire, in metrics and on the stick. */
public final class ObjectKeys {
  private ObjectKeys() {}

  public static String key(HasMetadata object) {
    return key(object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  public static ResourceID resourceId(String key) {
    int slash = key.indexOf('/');
    return new ResourceID(key.substring(slash + 1), key.substring(0, slash));
  }
}
