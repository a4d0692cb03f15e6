package io.rescuefleet.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rescuefleet demo}: the whole product on this machine, with image-backed sticks. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run a whole fleet on this machine: in-process Kubernetes API server, operator, a station daemon",
        "with a hub of image-backed sticks; apply examples/, converge every stick, then pull one, damage it,",
        "reinsert it and correct the drift. Needs root (loop devices). Ctrl-C stops it cleanly."})
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--sticks", defaultValue = "3", description = "Sticks in the hub (default ${DEFAULT-VALUE}).")
  int sticks;

  @Option(names = "--until-done", description = "Run the scenario and exit: 0 when every stick converged and the drift was corrected.")
  boolean untilDone;

  @Option(names = "--scenario", defaultValue = "drift", paramLabel = "drift|none",
      description = "drift (default): pull, damage, reinsert one stick; none: skip it and keep running.")
  String scenario;

  @Option(names = "--iso-mib", defaultValue = "128", description = "Payload of the generated ISOs in MiB (default ${DEFAULT-VALUE}).")
  int isoMiB;

  @Option(names = "--examples", defaultValue = "examples", description = "The example fleet to apply (default ${DEFAULT-VALUE}).")
  Path examples;

  @Option(names = "--timeout", defaultValue = "PT10M", description = "How long each stage may take (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration timeout;

  private boolean cleaned;

  @Override
  public Integer call() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      System.err.println("rescuefleet demo: needs root (it attaches loop devices and mounts filesystems)");
      return 1;
    }
    if (sticks < 2 || sticks > 9) {
      System.err.println("rescuefleet demo: --sticks must be between 2 and 9");
      return 2;
    }
    if (!scenario.equals("drift") && !scenario.equals("none")) {
      System.err.println("rescuefleet demo: --scenario must be drift or none");
      return 2;
    }
    Path work = Files.createTempDirectory(Path.of("/var/tmp"), "rescuefleet-demo-");
    Demo.Options options = new Demo.Options(sticks, isoMiB, examples, work, System.console() != null);
    CountDownLatch stopped = new CountDownLatch(1);
    Demo[] running = new Demo[1];
    Thread hook = new Thread(() -> {
      System.out.println();
      System.out.println("==> Stopping: station daemon, operator, API server");
      stop(running[0], work);
      stopped.countDown();
    }, "rescuefleet-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      running[0] = Demo.start(options, System.out);
      running[0].awaitConverged(timeout);
      if (scenario.equals("drift")) {
        running[0].driftScenario(timeout);
      }
      if (untilDone) {
        System.out.println("==> Done: every stick converged" + (scenario.equals("drift") ? " and the drift was corrected" : ""));
        return 0;
      }
      System.out.println("==> Running. Metrics: " + running[0].fleet().metricsUrl() + "  Fleet health: "
          + running[0].fleet().fleetPageUrl() + "  (Ctrl-C to stop)");
      stopped.await();
      return 0;
    } catch (Demo.DemoFailure e) {
      System.err.println("rescuefleet demo: " + e.getMessage());
      return 1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        stop(running[0], work);
      } catch (IllegalStateException e) {
        // already shutting down: the hook stops everything
      }
    }
  }

  /** Stops everything once, checks nothing is left attached or mounted, and removes the work directory. */
  private synchronized void stop(Demo demo, Path work) {
    if (cleaned) {
      return;
    }
    cleaned = true;
    if (demo != null) {
      demo.close();
    }
    try {
      List<String> left = Cleanup.leftovers(work);
      if (left.isEmpty()) {
        System.out.println("==> Stopped cleanly: no loop devices, mounts or processes left behind");
        Cleanup.removeTree(work);
      } else {
        left.forEach(l -> System.err.println("rescuefleet demo: left behind: " + l));
        System.err.println("rescuefleet demo: kept " + work + " for inspection");
      }
    } catch (IOException e) {
      System.err.println("rescuefleet demo: could not clean up " + work + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
