package io.rescuefleet.api.v1alpha1;

/** Where a RescueDrive stands. */
public enum DrivePhase {
  /** Accepted, no stick seen yet. */
  Pending,
  /** The stick is not in any station. */
  Absent,
  /** A station is making the stick match its spec. */
  Reconciling,
  /** The stick matches its spec and passed the verification that was due. */
  Ready,
  /** The stick was found different from its spec; a correction follows. */
  Drifted,
  /** The stick works but is under an alert (slow, worn). */
  Degraded,
  /** The last reconcile failed. */
  Failed,
  /** Under alert with quarantine on: no writes until acknowledged. */
  Quarantined
}
