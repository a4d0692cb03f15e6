package io.rescuefleet.faults.removal;

/** How a stick is taken from under the writer. */
public enum Way {
  /** Power loss: SIGKILL to the CLI, every tool it runs and the FUSE daemons serving it, at once. */
  KILL_WRITER("kill-writer"),
  /** The stick vanishing under its filesystem: SIGKILL to the FUSE daemon mounted on it; the CLI lives on. */
  KILL_FUSE("kill-fuse"),
  /** The medium behind the loop device goes: every read and write fails with an I/O error, as on a pulled stick. */
  DETACH_IMAGE("detach-image");

  private final String label;

  Way(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
