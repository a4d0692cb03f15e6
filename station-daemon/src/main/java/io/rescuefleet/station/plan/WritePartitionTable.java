package io.rescuefleet.station.plan;

import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.layout.PartitionEntry;
import java.util.List;

/**
 * Write the Ventoy partition table with sfdisk. Moves no partition content: whatever already sits in a
 * region stays, and the planner decides separately whether it must be formatted.
 *
 * @param labelId the disk identifier to keep, or null for a new one
 * @param keep partitions in the reserved space to carry over
 * @param why what is wrong with the current table
 */
public record WritePartitionTable(DesiredLayout layout, String labelId, List<PartitionEntry> keep, List<String> why)
    implements Action {
  public WritePartitionTable {
    keep = List.copyOf(keep);
    why = List.copyOf(why);
  }

  @Override
  public String target() {
    return "partition table";
  }

  @Override
  public long bytes() {
    // The protective MBR, GPT header and entries at both ends of the disk; one sector for MBR.
    return layout.style() == io.rescuefleet.api.v1alpha1.PartitionStyle.GPT ? 67 * 512 : 512;
  }

  @Override
  public String describe() {
    return "write " + layout.style() + " partition table (" + String.join("; ", why) + ")";
  }
}
