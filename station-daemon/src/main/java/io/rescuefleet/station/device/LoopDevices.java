package io.rescuefleet.station.device;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.process.ToolFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches and detaches loop devices with losetup. Always lets losetup pick a free device ({@code -f
 * --show}): colleagues' processes attach loop devices on the same machine at the same time.
 */
public final class LoopDevices {
  private static final Logger LOG = LoggerFactory.getLogger(LoopDevices.class);

  /** How long a detach may wait for the last holder of the device to let go. */
  private static final Duration DETACH_WAIT = Duration.ofSeconds(10);

  private final ProcessRunner runner;

  public LoopDevices(ProcessRunner runner) {
    this.runner = runner;
  }

  /**
   * Attaches {@code backing} (a file or a block device) from {@code offset} for {@code sizeLimit} bytes
   * (0: to the end). Direct I/O is asked for, so that the loop device behaves like a real stick: what
   * is written reaches the backing storage, and what is read comes from it, not from a page cache.
   */
  public LoopDevice attach(String backing, long offset, long sizeLimit) {
    return attach(backing, offset, sizeLimit, false);
  }

  /** As {@link #attach(String, long, long)}; a read-only device refuses every write, for looking only. */
  public LoopDevice attach(String backing, long offset, long sizeLimit, boolean readOnly) {
    List<String> argv = new ArrayList<>(List.of("losetup", "--find", "--show", "--direct-io=on"));
    if (readOnly) {
      argv.add("--read-only");
    }
    if (offset > 0) {
      argv.add("--offset=" + offset);
    }
    if (sizeLimit > 0) {
      argv.add("--sizelimit=" + sizeLimit);
    }
    argv.add(backing);
    String path = runner.run(Command.of(argv)).stdout().strip();
    if (!path.startsWith("/dev/loop")) {
      throw new IllegalStateException("losetup printed no loop device for " + backing + ": " + path);
    }
    LOG.debug("loop attached loop={} backing={} offset={} size={}", path, backing, offset, sizeLimit);
    return new LoopDevice(path, backing, this);
  }

  /** The loop devices currently backed by {@code file}, by anyone. */
  public List<String> usersOf(String file) {
    ProcessResult r = runner.run(Command.of("losetup", "--associated", file, "--noheadings", "--output", "NAME",
        "--list"));
    return r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  void detach(String path) {
    try {
      runner.run(Command.of("losetup", "--detach", path));
    } catch (ToolFailedException e) {
      // Leaking a loop device is bad, but failing the caller's cleanup for it is worse.
      LOG.warn("loop detach failed loop={} error={}", path, e.getMessage());
      return;
    }
    // While a holder (a FUSE daemon finishing its exit, a loop device on top) still has it open, the
    // kernel only marks it for detaching. Wait, so the image is really free when the caller goes on.
    Path bound = Path.of("/sys/block", Path.of(path).getFileName().toString(), "loop");
    long deadline = System.nanoTime() + DETACH_WAIT.toNanos();
    while (Files.exists(bound) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (Files.exists(bound)) {
      LOG.warn("loop still attached after detach loop={} waitedSeconds={}", path, DETACH_WAIT.toSeconds());
    } else {
      LOG.debug("loop detached loop={}", path);
    }
  }
}
