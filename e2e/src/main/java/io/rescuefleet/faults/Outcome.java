package io.rescuefleet.faults;

/** How one injected fault ended; every injection ends in exactly one. */
public enum Outcome {
  /** Nothing claimed success falsely, nothing verified was lost, and the next attempt converged in one apply. */
  SURVIVED,
  /** Something already accepted was lost: a report, or a file the manifest lists that fails verification. */
  LOST,
  /** A report, an exit code or {@code inspect} claimed success for work that was not done or not right. */
  FALSE_SUCCESS,
  /** No false claim and nothing lost, but the next attempt did not converge in one apply. */
  NOT_RECOVERED,
  /**
   * No false claim, nothing lost, and the next attempt converged, but the run ended unclearly: the
   * wrong exit code, a catch-all reason or a message that does not say what happened, or left the
   * stick's devices and mounts behind although it lived to release them.
   */
  UNCLEAR
}
