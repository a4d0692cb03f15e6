package io.rescuefleet.station.plan;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.layout.Region;
import java.util.List;

/**
 * Make a fresh Windows To Go volume and apply the profile to it: for a partition, NTFS on it; for a
 * VHD, a new fixed VHD built under a staging name and renamed over {@code vhdPath} when complete. The
 * image is applied, unattend.xml and the boot files written, everything read back, and the volume
 * marked last.
 *
 * @param partition the partition's number and {@code region}, for target Partition
 * @param serial the stick's serial, for the computer name
 * @param reasons why the volume is (re)written
 * @param expectedBytes the image's size once applied, when the cache already holds it; -1 otherwise
 */
public record ApplyWtg(ResolvedWtg wtg, int partition, Region region, String serial, List<String> reasons,
    long expectedBytes) implements WtgAction {
  public ApplyWtg {
    reasons = List.copyOf(reasons);
  }

  /** Where the system goes: {@code partition 3} or the VHD's path. */
  @Override
  public String target() {
    return wtg.target() == WtgTarget.Partition ? "partition " + partition : wtg.vhdPath();
  }

  @Override
  public long bytes() {
    return expectedBytes;
  }

  @Override
  public String describe() {
    String image = wtg.index() != null ? "image " + wtg.index() : "edition \"" + wtg.edition() + "\"";
    return "apply Windows To Go " + image + " of " + wtg.imageSha256().substring(0, 12) + " (WtgProfile \""
        + wtg.profileName() + "\") to " + target() + " (" + String.join("; ", reasons) + ")";
  }
}
