package io.rescuefleet.station.wtg.bcd;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads and edits registry hive files (a BCD store is one) with libhivex-bin: hivexml exports a whole
 * hive in one run, hivexsh edits it in place.
 */
public final class Hivex {
  private final ProcessRunner runner;

  public Hivex(ProcessRunner runner) {
    this.runner = runner;
  }

  /** The whole hive, from its root key. */
  public HiveKey read(Path hive) {
    return HiveXml.parse(runner.run(Command.of("hivexml", hive.toString())).stdout().getBytes(StandardCharsets.UTF_8));
  }

  /** Runs a hivexsh script that ends in {@code commit} against {@code hive}, writing it in place. */
  public void edit(Path hive, String script) {
    runner.run(Command.of("hivexsh", "-w", hive.toString()).withStdin(script.getBytes(StandardCharsets.UTF_8)));
  }
}
