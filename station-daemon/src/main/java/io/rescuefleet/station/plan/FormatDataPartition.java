package io.rescuefleet.station.plan;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.layout.Region;

/** Make a new data filesystem, destroying whatever the region held ({@code replaces} says what). */
public record FormatDataPartition(DataFilesystem filesystem, String label, Region region, String replaces)
    implements Action {
  @Override
  public String target() {
    return "data partition";
  }

  @Override
  public long bytes() {
    return -1;
  }

  @Override
  public String describe() {
    return "format data partition " + filesystem + " \"" + label + "\" (" + replaces + ")";
  }
}
