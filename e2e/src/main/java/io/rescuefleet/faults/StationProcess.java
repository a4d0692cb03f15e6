package io.rescuefleet.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A station daemon in a process of its own, as {@code rescue-station run --config station.yaml}
 * (the main class {@code bin/rescue-station} runs) starts it, so a drill can kill it for real. It
 * runs in its own session and process group: {@link #kill} sends SIGKILL to the whole group, the
 * daemon and the tools it was running, as a power cut would; FUSE daemons, which detach into their
 * own session, and the loop devices stay behind for {@link PowerCutLeftovers} to find.
 */
final class StationProcess implements AutoCloseable {
  private static final String MAIN = "io.rescuefleet.station.cli.RescueStationCli";

  private final Process process;

  private StationProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts the daemon with {@code config}, logging to {@code log} (appended); its temporary files
   * (mount points) go under {@code tmpDir}, so what a kill leaves behind is known to be its own.
   */
  static StationProcess start(Path config, Path log, Path tmpDir) throws IOException {
    Files.createDirectories(tmpDir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of("setsid", java, "-Djava.io.tmpdir=" + tmpDir, "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), MAIN, "run", "--config", config.toString()));
    pb.environment().put("RESCUEFLEET_LOG", "info");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    return new StationProcess(pb.start());
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL to the daemon's process group; returns once the daemon is gone. */
  void kill() throws IOException, InterruptedException {
    // setsid execs in place (the child of a JVM is no group leader), so the daemon's pid is its group id.
    Process killer = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).redirectErrorStream(true).start();
    killer.waitFor(10, TimeUnit.SECONDS);
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("station daemon pid " + process.pid() + " survived SIGKILL");
    }
  }

  /** Stops the daemon the way systemd does (SIGTERM: its runs are cancelled and its devices released). */
  void stop() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
