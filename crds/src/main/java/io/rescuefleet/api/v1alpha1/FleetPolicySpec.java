package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The sampling and alert policy of a fleet. Omitted fields take the documented defaults. */
public class FleetPolicySpec {
  @JsonPropertyDescription("How often throughput is sampled and how deeply sticks are verified.")
  public Sampling sampling = new Sampling();

  @JsonPropertyDescription("When a stick or station raises an alert, and whether alerts quarantine.")
  public Alerts alerts = new Alerts();
}
