package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator knows of a catalog: its size and the drives that use it. */
public class IsoCatalogStatus extends ResourceStatus {
  @JsonPropertyDescription("Number of entries.")
  public Integer entryCount;

  @JsonPropertyDescription("Sum of the declared entry sizes in bytes.")
  public Long totalBytes;

  @JsonPropertyDescription("Number of RescueDrives that reference this catalog.")
  public Integer driveCount;

  @JsonPropertyDescription("Names of the RescueDrives that reference this catalog.")
  public List<String> usedBy = new ArrayList<>();
}
