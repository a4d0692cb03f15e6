package io.rescuefleet.operator.controller;

import io.rescuefleet.api.resolve.DriveAssignment;

/**
 * Whether a drive's spec, with everything it references, resolves. When it does not, {@code reason}
 * is the Valid condition's reason, {@code message} names the fields, and {@code lastGood} is the
 * last assignment that did resolve (stations keep it).
 */
record SpecVerdict(boolean valid, DriveAssignment assignment, String reason, String message, DriveAssignment lastGood) {
  static SpecVerdict valid(DriveAssignment assignment) {
    return new SpecVerdict(true, assignment, "Resolved", "spec and references resolve", assignment);
  }

  /** The assignment stations should work from: the current one, or the last good one while invalid. */
  DriveAssignment effective() {
    return valid ? assignment : lastGood;
  }
}
