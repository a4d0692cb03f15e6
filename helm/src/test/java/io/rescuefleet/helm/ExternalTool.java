package io.rescuefleet.helm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command-line checker from a Debian package; when it is missing the test fails, it never skips. */
record ExternalTool(String executable, String debianPackage) {
  static final ExternalTool PROMTOOL = new ExternalTool("promtool", "prometheus");
  static final ExternalTool SYSTEMD_ANALYZE = new ExternalTool("systemd-analyze", "systemd");

  private static final long TIMEOUT_SECONDS = 60;

  /** What the tool printed (stdout and stderr together) and how it exited. */
  record Result(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  Result run(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(path().toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(executable + " did not finish within " + TIMEOUT_SECONDS + "s: " + command);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output);
  }

  Path path() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, executable);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(executable + " not found on PATH (" + path + "): install Debian's "
        + debianPackage + " package (apt-get install --no-install-recommends " + debianPackage
        + "; bin/setup does it)");
  }
}
