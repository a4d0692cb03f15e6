package io.rescuefleet.station.wtg.registry;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.process.ToolFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads and edits registry hive files (a BCD store is one) with libhivex-bin: hivexml exports a whole
 * (small) hive in one run, hivexsh reads single keys of large ones and edits hives in place.
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

  /** {@code key}'s subkeys, or empty when the hive has no such key (one hivexsh run, for large hives). */
  public Optional<List<String>> subkeys(Path hive, String key) {
    return query(hive, key, "ls").map(out -> out.lines().filter(l -> !l.isBlank()).toList());
  }

  /** {@code key}'s values in order, or empty when the hive has no such key. */
  public Optional<List<RegistryLine>> values(Path hive, String key) {
    return query(hive, key, "lsval").map(out -> out.lines().map(RegistryLine::parse).flatMap(Optional::stream).toList());
  }

  /** Runs a hivexsh script that ends in {@code commit} against {@code hive}, writing it in place. */
  public void edit(Path hive, String script) {
    runner.run(Command.of("hivexsh", "-w", hive.toString()).withStdin(script.getBytes(StandardCharsets.UTF_8)));
  }

  private Optional<String> query(Path hive, String key, String command) {
    Command c = Command.of("hivexsh", hive.toString()).withStdin(("cd " + key + "\n" + command + "\n")
        .getBytes(StandardCharsets.UTF_8));
    ProcessResult r = runner.runAllowingFailure(c);
    if (r.succeeded()) {
      return Optional.of(r.stdout());
    }
    if (r.stderr().contains("not found")) {
      return Optional.empty();
    }
    throw new ToolFailedException(r, "hivexsh failed (exit " + r.exitCode() + ") reading " + key + " of " + hive + ": "
        + r.stderr().strip());
  }
}
