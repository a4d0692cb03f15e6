package io.rescuefleet.api.validate;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** How objects are named in messages: {@code Kind namespace/name} or {@code Kind name}. */
public final class ObjectNames {
  private ObjectNames() {}

  public static String describe(HasMetadata object) {
    String kind = object.getKind() != null ? object.getKind() : object.getClass().getSimpleName();
    if (object.getMetadata() == null) {
      return kind;
    }
    String ns = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName();
    return kind + " " + (ns == null || ns.isEmpty() ? "" : ns + "/") + (name == null ? "<unnamed>" : name);
  }
}
