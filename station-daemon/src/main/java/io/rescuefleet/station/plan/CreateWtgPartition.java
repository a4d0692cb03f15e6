package io.rescuefleet.station.plan;

import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.station.layout.Region;

/**
 * Add the Windows To Go partition to the table, in the reserved space after VTOYEFI (sfdisk, only
 * that entry: the Ventoy partitions are not touched). Type "Microsoft basic data" (GPT, named
 * "Windows To Go") or 0x07 (MBR).
 */
public record CreateWtgPartition(int number, Region region, PartitionStyle style) implements WtgAction {
  @Override
  public String target() {
    return "partition " + number;
  }

  @Override
  public long bytes() {
    return style == PartitionStyle.GPT ? 67 * 512 : 512;
  }

  @Override
  public String describe() {
    return "create Windows To Go partition " + number + " (" + region + ", " + region.sizeBytes() / (1 << 20) + " MiB)";
  }
}
