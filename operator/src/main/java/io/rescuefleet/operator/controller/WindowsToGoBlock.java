package io.rescuefleet.operator.controller;

import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.wire.ReportBatch.WindowsToGoState;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The {@code windowsToGo} block of a RescueDrive's status, from the systems its station last reported. */
final class WindowsToGoBlock {
  private WindowsToGoBlock() {}

  /**
   * The system the drive's profile made, if one was reported; otherwise the one that looks most like
   * RescueFleet's (a marked one before an unmarked one); null when the stick has none.
   */
  static RescueDriveStatus.WindowsToGo of(List<WindowsToGoState> reported, String profile) {
    if (reported == null || reported.isEmpty()) {
      return null;
    }
    WindowsToGoState chosen = reported.stream()
        .min(Comparator.comparing((WindowsToGoState w) -> !Objects.equals(w.profile(), profile) || profile == null)
            .thenComparing(w -> w.imageSha256() == null))
        .orElseThrow();
    RescueDriveStatus.WindowsToGo b = new RescueDriveStatus.WindowsToGo();
    b.target = chosen.target();
    b.location = chosen.location();
    b.state = chosen.state();
    b.detail = chosen.detail();
    b.profile = chosen.profile();
    b.imageSha256 = chosen.imageSha256();
    b.imageIndex = chosen.imageIndex();
    b.imageName = chosen.imageName();
    b.edition = chosen.edition();
    b.bootConfiguration = chosen.bootConfiguration();
    b.bootConfigurationReason = chosen.bootConfigurationReason();
    b.appliedAt = chosen.appliedAt();
    return b;
  }
}
