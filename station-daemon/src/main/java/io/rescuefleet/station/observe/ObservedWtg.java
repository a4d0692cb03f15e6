package io.rescuefleet.station.observe;

import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.manifest.StickManifest;
import java.util.List;

/**
 * The stick's Windows To Go slot: partitions found in the reserved space and what the manifest says
 * was applied. Filled in by this engine as far as it can see; the Windows To Go work adds what it
 * needs to inspect (an applied image's digest, boot files).
 */
public record ObservedWtg(List<PartitionEntry> reservedPartitions, StickManifest.WtgRecord applied) {
  public ObservedWtg {
    reservedPartitions = List.copyOf(reservedPartitions);
  }

  public static ObservedWtg empty() {
    return new ObservedWtg(List.of(), null);
  }
}
