package io.rescuefleet.station.plan;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.layout.Region;

/** Change the data filesystem's label in place. */
public record RelabelDataPartition(DataFilesystem filesystem, String label, Region region, String from) implements Action {
  @Override
  public String target() {
    return "data partition";
  }

  @Override
  public long bytes() {
    return 512;
  }

  @Override
  public String describe() {
    return "relabel data partition \"" + from + "\" -> \"" + label + "\"";
  }
}
