package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reference to another RescueFleet object in the same namespace. */
public class ObjectRef {
  @Required
  @Pattern(ApiConstants.DNS_LABEL_PATTERN)
  @JsonPropertyDescription("Name of the referenced object, in the referring object's namespace.")
  public String name;

  public ObjectRef() {}

  public ObjectRef(String name) {
    this.name = name;
  }
}
