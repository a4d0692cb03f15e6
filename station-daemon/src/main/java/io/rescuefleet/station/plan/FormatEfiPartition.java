package io.rescuefleet.station.plan;

import io.rescuefleet.station.layout.Region;

/** Make an empty FAT16 VTOYEFI filesystem (no Ventoy release available to install). */
public record FormatEfiPartition(Region region) implements Action {
  @Override
  public String target() {
    return "VTOYEFI partition";
  }

  @Override
  public long bytes() {
    return -1;
  }

  @Override
  public String describe() {
    return "format VTOYEFI (FAT16, empty: no Ventoy release given)";
  }
}
