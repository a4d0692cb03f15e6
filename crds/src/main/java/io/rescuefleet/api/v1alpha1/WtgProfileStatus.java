package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator knows of a WtgProfile: the drives that use it. */
public class WtgProfileStatus extends ResourceStatus {
  @JsonPropertyDescription("Number of RescueDrives that reference this profile.")
  public Integer driveCount;

  @JsonPropertyDescription("Names of the RescueDrives that reference this profile.")
  public List<String> usedBy = new ArrayList<>();
}
