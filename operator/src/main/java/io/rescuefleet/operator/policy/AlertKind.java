package io.rescuefleet.operator.policy;

import java.util.EnumSet;
import java.util.Set;

/** The alerts the operator raises; each is also the type of the condition that shows it. */
public enum AlertKind {
  SlowWrite,
  SlowRead,
  ConsecutiveFailures,
  VerifyMismatch,
  Wear,
  StationHeartbeatLost;

  /** The alerts raised on a RescueDrive (the last one is raised on an ImagingStation). */
  public static Set<AlertKind> driveAlerts() {
    return EnumSet.of(SlowWrite, SlowRead, ConsecutiveFailures, VerifyMismatch, Wear);
  }
}
