package io.rescuefleet.station.wtg.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Follows the file a tool writes its progress to and reports bytes done as increments, from a daemon
 * thread, until stopped. The process runner sends large outputs to a file; this reads the new part of
 * it a few times a second, so progress reaches the engine's throughput sampler while the tool runs.
 */
final class ProgressFollower implements AutoCloseable {
  private static final long POLL_MILLIS = 250;
  /** Enough of the file's end to hold the last few progress lines. */
  private static final int TAIL = 4096;

  private final Path file;
  private final LongConsumer increments;
  private final Thread thread;
  private volatile boolean stopped;
  private long reported;

  ProgressFollower(Path file, LongConsumer increments) {
    this.file = file;
    this.increments = increments;
    this.thread = new Thread(this::follow, "wim-progress");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void follow() {
    while (!stopped) {
      poll();
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void poll() {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      int n = (int) Math.min(TAIL, length);
      byte[] tail = new byte[n];
      f.seek(length - n);
      f.readFully(tail);
      WimProgress.lastDone(new String(tail, StandardCharsets.UTF_8)).ifPresent(done -> {
        if (done > reported) {
          increments.accept(done - reported);
          reported = done;
        }
      });
    } catch (IOException e) {
      // The file may not exist yet; the next poll sees it.
    }
  }

  /** Stops following, after reporting what the file says last. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(POLL_MILLIS * 4);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    poll();
  }
}
