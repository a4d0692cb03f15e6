package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key inside a Secret; the namespace is given where the referring object is cluster-scoped. */
public class SecretKeyRef {
  @JsonPropertyDescription("Namespace of the Secret, required where the referring object is cluster-scoped."
      + " A namespaced object reads Secrets only in its own namespace: leave it out or name that namespace.")
  public String namespace;

  @Required
  @JsonPropertyDescription("Name of the Secret.")
  public String name;

  @Required
  @JsonPropertyDescription("Key inside the Secret's data.")
  public String key;

  public SecretKeyRef() {}

  public SecretKeyRef(String namespace, String name, String key) {
    this.namespace = namespace;
    this.name = name;
    this.key = key;
  }
}
