package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator knows of a policy: the drives it governs. */
public class FleetPolicyStatus extends ResourceStatus {
  @JsonPropertyDescription("Number of RescueDrives governed by this policy.")
  public Integer driveCount;

  @JsonPropertyDescription("Names of the RescueDrives governed by this policy.")
  public List<String> usedBy = new ArrayList<>();
}
