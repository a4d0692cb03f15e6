package io.rescuefleet.station.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One invocation of an external tool: its arguments, optional standard input, where standard output
 * goes (captured, or a file for large outputs), extra environment, the exit codes that mean success,
 * and how long it may take.
 */
public record Command(
    List<String> argv,
    byte[] stdin,
    Path stdoutFile,
    Map<String, String> environment,
    Set<Integer> okExitCodes,
    Duration timeout) {

  /** Tools that hang on a dead stick should not hang the station forever. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public Command {
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
    okExitCodes = Set.copyOf(okExitCodes);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least the tool name");
    }
  }

  public static Command of(String... argv) {
    return new Command(List.of(argv), null, null, Map.of(), Set.of(0), DEFAULT_TIMEOUT);
  }

  public static Command of(List<String> argv) {
    return new Command(argv, null, null, Map.of(), Set.of(0), DEFAULT_TIMEOUT);
  }

  public Command withStdin(byte[] input) {
    return new Command(argv, input, stdoutFile, environment, okExitCodes, timeout);
  }

  public Command withStdoutTo(Path file) {
    return new Command(argv, stdin, file, environment, okExitCodes, timeout);
  }

  public Command withEnv(String key, String value) {
    Map<String, String> env = new HashMap<>(environment);
    env.put(key, value);
    return new Command(argv, stdin, stdoutFile, env, okExitCodes, timeout);
  }

  /** Treats these exit codes as success too (e.g. sfdisk's 1 for "no partition table"). */
  public Command allowingExitCodes(Integer... codes) {
    Set<Integer> ok = new java.util.HashSet<>(okExitCodes);
    ok.addAll(List.of(codes));
    return new Command(argv, stdin, stdoutFile, environment, ok, timeout);
  }

  public Command withTimeout(Duration limit) {
    return new Command(argv, stdin, stdoutFile, environment, okExitCodes, limit);
  }

  /** The tool's name, for messages. */
  public String tool() {
    return argv.get(0);
  }

  /** The command line as a person would type it, for messages. */
  public String display() {
    return String.join(" ", argv);
  }
}
