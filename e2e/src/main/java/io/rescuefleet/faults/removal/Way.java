package io.rescuefleet.faults.removal;

/** How a stick is taken from under the writer. */
public enum Way {
  /** Power loss: SIGKILL to the CLI, every tool it runs and the FUSE daemons serving it, at once. */
  KILL_WRITER("kill-writer"),
  /** The stick vanishing under its filesystem: SIGKILL to the FUSE daemon mounted on it; the CLI lives on. */
  KILL_FUSE("kill-fuse"),
  /** The medium itself goes: every I/O fails as on a pulled stick, or a blank medium takes its place. */
  DETACH_IMAGE("detach-image");

  private final String label;

  Way(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
