package io.rescuefleet.faults.removal;

import io.rescuefleet.faults.lab.CliRun;
import io.rescuefleet.faults.lab.LoopChain;
import io.rescuefleet.station.device.BlockDevices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits, beside a running CLI child, for the moment a fault goes in: the child's loop device over the
 * image appears (its write count then is the baseline: looking at a stick writes nothing), then the
 * stick's own count of bytes written reaches the point, then the point's delay passes.
 */
final class InjectionTrigger {
  private InjectionTrigger() {}

  /** The child's disk device over {@code image}, or empty when the child ended (or took too long) before attaching it. */
  static Optional<String> awaitDisk(Path image, CliRun run, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (run.alive() && System.nanoTime() < deadline) {
      LoopChain chain = LoopChain.of(image);
      if (!chain.disks().isEmpty()) {
        return Optional.of(chain.disks().get(0));
      }
      pause(5);
    }
    return Optional.empty();
  }

  /** True when the point was reached while the child still ran. */
  static boolean awaitPoint(String disk, long baselineSectors, InjectionPoint point, CliRun run) {
    long threshold = Math.max(1, point.offsetBytes() > 0 ? point.thresholdBytes()
        : point.step().startBytes() + (point.step().bytes() > 0 ? 1 : 0));
    while (run.alive()) {
      long written = (BlockDevices.sectorsWritten(disk) - baselineSectors) * 512;
      if (written >= threshold) {
        if (point.delayMillis() > 0) {
          pause(point.delayMillis());
        }
        return run.alive();
      }
      pause(0);
    }
    return false;
  }

  private static void pause(long millis) {
    try {
      if (millis == 0) {
        Thread.sleep(0, 300_000);
      } else {
        Thread.sleep(millis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
