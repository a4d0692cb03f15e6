package io.rescuefleet.faults.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** One running (or finished) {@code rescue-station} child: its exit code, output, and the power switch. */
public final class CliRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String command;
  private final Process process;
  private final Path out;
  private final Path err;

  CliRun(String command, Process process, Path out, Path err) {
    this.command = command;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  public String command() {
    return command;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /**
   * Power loss: SIGKILL to the child's whole process group at once, the CLI and every tool it runs
   * (sfdisk, mkfs, wimlib-imagex). FUSE daemons leave the group when they daemonize; the caller kills
   * those as well.
   */
  public void killGroup() {
    // setsid made the child a session and group leader: its pid is the group id.
    try {
      new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot kill process group " + process.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }

  /** The exit code, or empty when the child is still running after {@code limit}. */
  public OptionalInt waitFor(Duration limit) {
    try {
      return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue())
          : OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  public String stdout() {
    return read(out);
  }

  public String stderr() {
    return read(err);
  }

  /** Where the output went, for the ledger's details. */
  public Path stdoutFile() {
    return out;
  }

  /** The JSON object of {@code --output json}, if the child got as far as printing it. */
  public Optional<JsonNode> json() {
    String text = stdout().strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The {@code rescue-station: Reason: message} line the CLI prints on failure, or empty. */
  public Optional<String> failureLine() {
    return stderr().lines().filter(l -> l.startsWith("rescue-station: ")).reduce((a, b) -> b);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
