package io.rescuefleet.station.plan;

import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.layout.Region;

/**
 * Remove a Windows To Go system RescueFleet applied and the spec no longer wants there: delete its
 * partition from the table (the space returns to the reserved space) or delete its VHD file.
 */
public record RemoveWtg(WtgTarget kind, int partition, Region region, String vhdPath, String why) implements WtgAction {
  @Override
  public String target() {
    return kind == WtgTarget.Partition ? "partition " + partition : vhdPath;
  }

  @Override
  public long bytes() {
    return 0;
  }

  @Override
  public String describe() {
    return "remove the Windows To Go system at " + target() + " (" + why + ")";
  }
}
