package io.rescuefleet.station.wtg.bcd;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.process.ToolFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and edits registry hive files (a BCD store is one) with hivexsh from libhivex-bin. Keys are
 * absolute, backslash-separated paths such as {@code \Objects}.
 */
public final class Hivex {
  private static final String NOT_FOUND = "not found";

  private final ProcessRunner runner;

  public Hivex(ProcessRunner runner) {
    this.runner = runner;
  }

  /** The names of {@code key}'s subkeys, or empty when the hive has no such key. */
  public Optional<List<String>> subkeys(Path hive, String key) {
    return query(hive, key, "ls").map(out -> out.lines().filter(l -> !l.isBlank()).toList());
  }

  /** {@code key}'s values by name, as hivexsh prints them ({@code "text"}, {@code dword:..}, {@code hex(3):..}). */
  public Optional<Map<String, String>> values(Path hive, String key) {
    return query(hive, key, "lsval").map(Hivex::parseValues);
  }

  /** Runs a hivexsh script that ends in {@code commit} against {@code hive}, writing it in place. */
  public void edit(Path hive, String script) {
    runner.run(Command.of("hivexsh", "-w", hive.toString()).withStdin(script.getBytes(StandardCharsets.UTF_8)));
  }

  private Optional<String> query(Path hive, String key, String command) {
    String script = "cd " + key + "\n" + command + "\n";
    Command c = Command.of("hivexsh", hive.toString()).withStdin(script.getBytes(StandardCharsets.UTF_8));
    ProcessResult r = runner.runAllowingFailure(c);
    if (r.succeeded()) {
      return Optional.of(r.stdout());
    }
    if (r.stderr().contains(NOT_FOUND)) {
      return Optional.empty();
    }
    throw new ToolFailedException(r, "hivexsh failed (exit " + r.exitCode() + ") reading " + key + " of " + hive + ": "
        + r.stderr().strip());
  }

  /** Parses lines of the form {@code "Name"=value}; the default value prints as {@code @=value}. */
  static Map<String, String> parseValues(String lsval) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : lsval.lines().toList()) {
      if (line.startsWith("\"")) {
        int end = line.indexOf("\"=", 1);
        if (end > 0) {
          values.put(line.substring(1, end), line.substring(end + 2));
        }
      } else if (line.startsWith("@=")) {
        values.put("", line.substring(2));
      }
    }
    return values;
  }
}
