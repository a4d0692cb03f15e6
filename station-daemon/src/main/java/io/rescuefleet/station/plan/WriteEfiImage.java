package io.rescuefleet.station.plan;

import io.rescuefleet.station.layout.Region;

/** Write a Ventoy release's VTOYEFI partition image (which carries its own FAT16 filesystem). */
public record WriteEfiImage(String version, Region region, boolean secureBoot) implements Action {
  @Override
  public String target() {
    return "VTOYEFI partition";
  }

  @Override
  public long bytes() {
    return region.sizeBytes();
  }

  @Override
  public String describe() {
    return "write Ventoy " + version + " VTOYEFI image" + (secureBoot ? "" : " (Secure Boot support off)");
  }
}
