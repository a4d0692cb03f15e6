package io.rescuefleet.api.wire;

import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import java.util.List;

/** The work for one station: an assignment per stick it holds that a RescueDrive is bound to. */
public record Assignments(long version, List<StationAssignment> assignments) {

  /**
   * One stick's assignment. {@code verifyLevel} is what the operator's sampling policy makes due for
   * this insertion; {@code writesAllowed} is false while the drive is quarantined.
   */
  public record StationAssignment(
      String serial,
      String port,
      String insertionId,
      VerifyMode verifyLevel,
      boolean writesAllowed,
      DriveAssignment assignment) {}
}
