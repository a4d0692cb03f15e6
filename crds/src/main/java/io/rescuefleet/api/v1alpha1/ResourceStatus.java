package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What every RescueFleet status carries: the generation it reflects and Kubernetes-style conditions. */
public abstract class ResourceStatus {
  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  public Long observedGeneration;

  @JsonPropertyDescription("Conditions: type, status True|False|Unknown, CamelCase reason, message, lastTransitionTime.")
  public List<Condition> conditions = new ArrayList<>();
}
