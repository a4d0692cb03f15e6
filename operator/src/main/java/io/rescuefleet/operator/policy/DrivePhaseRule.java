package io.rescuefleet.operator.policy;

import io.rescuefleet.api.v1alpha1.DrivePhase;

/**
 * A drive's phase from what the operator knows: the station's own view of the stick comes first,
 * then the operator's verdicts (quarantine, alerts) override it. Pure.
 *
 * @param bound whether a station holds the drive's stick now
 * @param everSeen whether any station ever reported the stick
 * @param reported the phase the station reported for the current insertion, or null
 */
public final class DrivePhaseRule {
  private DrivePhaseRule() {}

  public static DrivePhase phase(boolean bound, boolean everSeen, DrivePhase reported, boolean quarantined,
      boolean alertFiring) {
    if (!bound) {
      return everSeen ? DrivePhase.Absent : DrivePhase.Pending;
    }
    if (quarantined) {
      return DrivePhase.Quarantined;
    }
    if (reported == null) {
      return DrivePhase.Reconciling;
    }
    if (reported == DrivePhase.Ready && alertFiring) {
      return DrivePhase.Degraded;
    }
    return reported;
  }
}
