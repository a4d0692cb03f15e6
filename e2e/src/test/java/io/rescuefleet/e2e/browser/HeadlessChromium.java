package io.rescuefleet.e2e.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium started headless with a fresh profile and DevTools on a free loopback port.
 * Its flags keep it off the network (no updates, sync, QUIC or background fetches). {@link #close}
 * asks it to quit, then ends whatever of its own process tree is left, and removes the profile.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
  private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final Path log;
  private final DevToolsConnection devTools;

  private HeadlessChromium(Process process, Path profile, Path log, DevToolsConnection devTools) {
    this.process = process;
    this.profile = profile;
    this.log = log;
    this.devTools = devTools;
  }

  /** Starts Chromium; its output goes to {@code log}. Fails (never skips) when Chromium is not installed. */
  public static HeadlessChromium start(Path log) throws IOException {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's chromium package"
          + " (apt-get install --no-install-recommends chromium; bin/setup does it)");
    }
    Path profile = Files.createTempDirectory("rescuefleet-chromium-");
    List<String> command = new ArrayList<>();
    command.add(EXECUTABLE.toString());
    command.addAll(FLAGS);
    command.addAll(List.of("--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0", "about:blank"));
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      URI endpoint = awaitEndpoint(process, profile, log);
      return new HeadlessChromium(process, profile, log, DevToolsConnection.open(endpoint));
    } catch (RuntimeException e) {
      stop(process);
      deleteTree(profile);
      throw e;
    }
  }

  /** Opens a new tab of {@code width} x {@code height} CSS pixels. */
  public BrowserPage newPage(int width, int height) {
    String targetId = devTools.call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
    String sessionId = devTools.call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
        .path("sessionId").asText();
    return BrowserPage.attach(devTools, sessionId, width, height);
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    try {
      devTools.call(null, "Browser.close", Map.of());
    } catch (RuntimeException e) {
      // it may close the socket before answering; the process check below is what counts
    }
    devTools.close();
    stop(process);
    deleteTree(profile);
  }

  /** Chromium writes the port and path of its browser endpoint to DevToolsActivePort in the profile. */
  private static URI awaitEndpoint(Process process, Path profile, Path log) {
    Path active = profile.resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Chromium exited with " + process.exitValue() + " before DevTools was up; see " + log);
      }
      try {
        List<String> lines = Files.exists(active) ? Files.readAllLines(active) : List.of();
        if (lines.size() >= 2 && !lines.get(1).isBlank()) {
          return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        }
        Thread.sleep(100);
      } catch (IOException e) {
        // written while we read: try again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Chromium started", e);
      }
    }
    throw new IllegalStateException("Chromium's DevTools endpoint did not appear within " + START_TIMEOUT.toSeconds()
        + " s; see " + log);
  }

  /** Waits for Chromium to quit, then ends what is left of the tree it started (children first). */
  private static void stop(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : tree) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove Chromium's profile " + dir, e);
    }
  }
}
