package io.rescuefleet.station.cli;

import io.rescuefleet.station.device.DeviceTarget;
import io.rescuefleet.station.device.DeviceTargets;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.engine.StationEngine;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.failure.StationException;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The frame every command runs in: opens the target (attaching an image file), runs the work, and
 * releases the target whatever happens; Ctrl-C cancels the run and waits for it to let go of the
 * stick, so no loop device or mount is left behind.
 */
final class Runs {
  private Runs() {}

  /** The work of one command on an opened target. */
  interface Work {
    int run(StationEngine engine, DeviceTarget target, Cancellation cancellation);
  }

  static int withTarget(TargetOptions options, Long createSize, PrintStream err, Work work) {
    ProcessRunner runner = new ProcessRunner();
    Cancellation cancellation = new Cancellation();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      cancellation.cancel("interrupted");
      try {
        finished.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "rescue-station-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      StationEngine engine = StationEngine.create(runner, options.cacheDir());
      try (DeviceTarget target = DeviceTargets.open(options.target, createSize, new LoopDevices(runner))) {
        return work.run(engine, target, cancellation);
      }
    } catch (StationException e) {
      Output.failure(err, e.reason(), e.getMessage());
      return e.kind().exitCode();
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running and waits for us
      }
    }
  }
}
