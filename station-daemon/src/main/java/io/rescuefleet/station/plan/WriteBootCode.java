package io.rescuefleet.station.plan;

import io.rescuefleet.api.v1alpha1.PartitionStyle;

/** Write a Ventoy release's MBR boot code and core image where Ventoy puts them for this table style. */
public record WriteBootCode(String version, PartitionStyle style, long coreBytes) implements Action {
  @Override
  public String target() {
    return "boot code";
  }

  @Override
  public long bytes() {
    return 440 + coreBytes;
  }

  @Override
  public String describe() {
    return "write Ventoy " + version + " boot code (" + style + ")";
  }
}
