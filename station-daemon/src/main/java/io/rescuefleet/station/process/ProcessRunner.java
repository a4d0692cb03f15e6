package io.rescuefleet.station.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the station runs external tools (sfdisk, mkfs.*, mtools, losetup, gpgv ...): captures
 * output, enforces a timeout, and turns failures into typed exceptions carrying a condition reason.
 * Tools run with the C locale so their messages and number formats are the ones the parsers expect.
 */
public final class ProcessRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
  private static final int MESSAGE_TAIL = 600;

  /**
   * Runs {@code command} and returns its result.
   *
   * @throws ToolMissingException when the tool is not installed
   * @throws ToolFailedException when it exits with a code not in {@link Command#okExitCodes()} or times out
   */
  public ProcessResult run(Command command) {
    ProcessResult result = start(command);
    if (!result.succeeded()) {
      throw new ToolFailedException(result, command.tool() + " failed (" + exit(result.exitCode()) + "): "
          + tail(firstNonBlank(result.stderr(), result.stdout())) + " [" + command.display() + "]");
    }
    return result;
  }

  /** Runs {@code command} and returns its result whatever the exit code; a missing tool still throws. */
  public ProcessResult runAllowingFailure(Command command) {
    return start(command);
  }

  private ProcessResult start(Command command) {
    ProcessBuilder builder = new ProcessBuilder(command.argv());
    builder.environment().put("LC_ALL", "C");
    builder.environment().putAll(command.environment());
    if (command.stdoutFile() != null) {
      builder.redirectOutput(command.stdoutFile().toFile());
    }
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("error=2")) {
        throw new ToolMissingException(command.tool());
      }
      throw new UncheckedIOException("cannot start " + command.tool(), e);
    }
    CompletableFuture<byte[]> stdout = command.stdoutFile() == null
        ? drain(process.getInputStream()) : CompletableFuture.completedFuture(new byte[0]);
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
    feed(process, command.stdin());
    try {
      if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ToolFailedException(null, command.tool() + " did not finish within " + command.timeout().toSeconds()
            + " s [" + command.display() + "]");
      }
      ProcessResult result = new ProcessResult(command, process.exitValue(),
          new String(stdout.join(), StandardCharsets.UTF_8), new String(stderr.join(), StandardCharsets.UTF_8));
      LOG.debug("tool finished tool={} exit={} seconds={} argv={}", command.tool(), result.exitCode(),
          String.format("%.3f", (System.nanoTime() - started) / 1e9), command.display());
      return result;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ToolFailedException(null, command.tool() + " was interrupted [" + command.display() + "]");
    }
  }

  /** A thread per stream: the common pool may have a single thread, and two pipes must drain at once. */
  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        done.complete(out.toByteArray());
      } catch (IOException e) {
        done.complete(new byte[0]);
      }
    }, "tool-output");
    reader.setDaemon(true);
    reader.start();
    return done;
  }

  private static void feed(Process process, byte[] stdin) {
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException e) {
      // The tool closed its input early; its exit code tells what happened.
      LOG.debug("tool closed stdin early tool={}", process.info().command().orElse("?"));
    }
  }

  /** {@code exit 1}, or {@code exit 137, killed by signal 9} for a tool that did not end by itself. */
  static String exit(int code) {
    return code > 128 && code < 160 ? "exit " + code + ", killed by signal " + (code - 128) : "exit " + code;
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b == null ? "" : b;
  }

  private static String tail(String text) {
    String t = text.strip().replace('\n', ' ');
    return t.length() <= MESSAGE_TAIL ? t : "..." + t.substring(t.length() - MESSAGE_TAIL);
  }
}
