package io.rescuefleet.station.failure;

/** The few kinds of failure a caller must tell apart; the CLI turns each into its exit code. */
public enum FailureKind {
  /** The input (manifest, option, target path) cannot be used as given. */
  INVALID_INPUT(2),
  /** The safety interlock refused the target device. */
  REFUSED(3),
  /** An image source could not be fetched or checked, or data read back from the stick was wrong. */
  SOURCE_OR_VERIFY(4),
  /** Anything else: a tool failed, the stick was removed, the run was cancelled. */
  OTHER(1);

  private final int exitCode;

  FailureKind(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The exit code the standalone CLI uses for this kind. */
  public int exitCode() {
    return exitCode;
  }
}
