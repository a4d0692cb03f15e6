package io.rescuefleet.station.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How a failed tool is reported: its exit code, or the signal that killed it (a FUSE driver killed as a stick is pulled). */
class ProcessRunnerTest {
  @Test
  void aToolKilledBySignalSaysSo() {
    assertThatThrownBy(() -> new ProcessRunner().run(Command.of("sh", "-c", "echo dying >&2; kill -9 $$")))
        .isInstanceOf(ToolFailedException.class)
        .hasMessageStartingWith("sh failed (exit 137, killed by signal 9): dying");
  }

  @Test
  void aToolThatFailsByItselfGivesItsExitCode() {
    assertThat(ProcessRunner.exit(1)).isEqualTo("exit 1");
    assertThat(ProcessRunner.exit(143)).isEqualTo("exit 143, killed by signal 15");
  }
}
