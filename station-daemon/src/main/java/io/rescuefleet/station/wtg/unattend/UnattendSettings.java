package io.rescuefleet.station.wtg.unattend;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.SanPolicy;

/**
 * Everything unattend.xml says, resolved for one stick and one image.
 *
 * @param architecture the image's processor architecture as unattend.xml names it ("amd64", ...)
 * @param driversPath the driver folder relative to the Windows volume's root, or null
 */
public record UnattendSettings(
    String profile,
    String computerName,
    boolean copyProfile,
    boolean persistentPageFile,
    SanPolicy sanPolicy,
    String driversPath,
    String architecture) {

  /** Windows To Go for x64 PCs: the architecture when an image's XML does not say. */
  public static final String DEFAULT_ARCHITECTURE = "amd64";

  public static UnattendSettings of(ResolvedWtg wtg, String serial, String architecture) {
    var u = wtg.unattend();
    return new UnattendSettings(wtg.profileName(), ComputerName.render(u.computerNamePattern(), serial), u.copyProfile(),
        u.persistentPageFile(), u.sanPolicy(), wtg.driversPath(), architecture == null ? DEFAULT_ARCHITECTURE : architecture);
  }
}
