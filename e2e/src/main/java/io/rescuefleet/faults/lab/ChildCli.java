package io.rescuefleet.faults.lab;

import io.rescuefleet.station.cli.RescueStationCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The standalone CLI, {@code rescue-station}, run as a child JVM the way bin/rescue-station runs it
 * (same main class, this JVM's class path, which holds the station daemon and its libraries), in a
 * process group of its own so that a power loss can take it and every tool it started at once. Its
 * standard output and error go to numbered files in the log directory, kept for reading findings.
 */
public final class ChildCli {
  private final Path logDir;
  private final AtomicInteger runs = new AtomicInteger();

  public ChildCli(Path logDir) {
    try {
      this.logDir = Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logDir, e);
    }
  }

  /** Starts {@code rescue-station ARGS...}; logs at warn level go to its standard error. */
  public CliRun start(List<String> args) {
    return start(args, java.util.Map.of());
  }

  /** As {@link #start(List)}, with extra environment variables. */
  public CliRun start(List<String> args, java.util.Map<String, String> env) {
    List<String> argv = new ArrayList<>(List.of("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A short run: the quick JIT and one GC thread start it sooner, on a machine others share.
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), RescueStationCli.class.getName()));
    argv.addAll(args);
    int n = runs.incrementAndGet();
    Path out = logDir.resolve(String.format("run-%04d.out", n));
    Path err = logDir.resolve(String.format("run-%04d.err", n));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("RESCUEFLEET_LOG", "warn");
    builder.environment().put("LC_ALL", "C");
    builder.environment().putAll(env);
    try {
      return new CliRun(String.join(" ", args), builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start rescue-station " + String.join(" ", args), e);
    }
  }
}
