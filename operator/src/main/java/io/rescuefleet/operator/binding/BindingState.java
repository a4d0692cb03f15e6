package io.rescuefleet.operator.binding;

/** How a drive relates to the sticks the stations hold. */
public enum BindingState {
  /** A station holds the stick with the drive's serial. */
  BoundBySerial,
  /** The drive claims a port, and a stick sits in it. */
  BoundByClaim,
  /** No station holds the stick (or the claimed port is empty). */
  StickAbsent,
  /** Another drive has a better claim on the same stick or port. */
  Conflict,
  /** The claimed station does not exist. */
  StationNotFound;

  public boolean bound() {
    return this == BoundBySerial || this == BoundByClaim;
  }
}
