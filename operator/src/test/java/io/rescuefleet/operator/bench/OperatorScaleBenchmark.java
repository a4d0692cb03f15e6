package io.rescuefleet.operator.bench;

import io.rescuefleet.operator.devserver.InProcessApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.operator.RescueFleetOperator;
import io.rescuefleet.operator.config.OperatorConfig;
import io.rescuefleet.operator.testing.Fixtures;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run operator}: 5,000 RescueDrives across 200 simulated stations (25 sticks each), over
 * real HTTP, with the in-process API server. Set-up: every stick is bound and reported written
 * and verified. Measured run: every station re-reports each stick it holds every 5 s (its
 * periodic re-observation), and every third station writes one stick at a time, reporting
 * progress every 250 ms with a throughput sample at the policy's 1 s and moving to its next stick
 * every 10 s: about 1,270 reports/s, each writing stick changing its status once a second. The
 * in-process API server scans every stored object per request and takes only ~110 status
 * patches/s at this size on two shared cores; {@code -Dbench.imagingEvery=2} (100 writing
 * sticks) brings it to that limit. Prints reports ingested per second, the 99th percentile of the time from a progress
 * report being sent to a status showing it (re-observations change no status, so they have no
 * such time), status patches per second (every kind) and the heap in use after GC (whole process: the
 * in-process API server and the simulated stations included).
 */
public final class OperatorScaleBenchmark {
  private static final String NAMESPACE = "fleet";

  private final int drives = Integer.getInteger("bench.drives", 5000);
  private final int stations = Integer.getInteger("bench.stations", 200);
  private final int imagingEvery = Integer.getInteger("bench.imagingEvery", 3);
  private final int progressMillis = Integer.getInteger("bench.progressMillis", 250);
  private final int reobserveMillis = Integer.getInteger("bench.reobserveMillis", 5000);
  private final int seconds = Integer.getInteger("bench.seconds", 30);
  private final int stickSeconds = Integer.getInteger("bench.stickSeconds", 10);

  public static void main(String[] args) throws Exception {
    new OperatorScaleBenchmark().run();
    System.exit(0);
  }

  private void run() throws Exception {
    long setupStart = System.nanoTime();
    InProcessApiServer server = InProcessApiServer.start();
    KubernetesClient client = server.newClient();
    createFleet(client);
    log("fleet created: drives=%d stations=%d in %.1fs", drives, stations, (System.nanoTime() - setupStart) / 1e9);
    long heapBaseline = usedHeapAfterGc();

    RescueFleetOperator operator = RescueFleetOperator.start(client, OperatorConfig.inProcessApiServer());
    LatencyTracker tracker = new LatencyTracker();
    KubernetesClient watcherClient = server.newClient();
    SharedIndexInformer<RescueDrive> watcher = watch(watcherClient, tracker);

    Vertx vertx = Vertx.vertx();
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(operator.stationApiPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(400));
    AtomicLong acked = new AtomicLong();
    List<SimulatedStation> sims = new ArrayList<>();
    List<Context> contexts = new ArrayList<>();
    int perStation = drives / stations;
    for (int s = 0; s < stations; s++) {
      List<String> serials = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < perStation; i++) {
        int d = s * perStation + i;
        serials.add(serial(d));
        keys.add(NAMESPACE + "/" + driveName(d));
      }
      SimulatedStation sim = new SimulatedStation(vertx, http, station(s), token(s), serials, keys, tracker, acked);
      Context context = vertx.getOrCreateContext();
      context.runOnContext(v -> sim.start(5000));
      sims.add(sim);
      contexts.add(context);
    }
    long bindStart = System.nanoTime();
    await("every station holds its assignments", () -> sims.stream().allMatch(SimulatedStation::hasAllAssignments));
    for (int s = 0; s < stations; s++) {
      SimulatedStation sim = sims.get(s);
      contexts.get(s).runOnContext(v -> sim.reportAllReady());
    }
    await("every drive Ready", () -> countPhase(watcher, DrivePhase.Ready) == drives);
    log("set-up done: all drives bound, written and Ready in %.1fs; measuring %ds", (System.nanoTime() - bindStart) / 1e9,
        seconds);

    int ticksPerSecond = 1000 / progressMillis;
    int imagingStations = 0;
    for (int s = 0; s < stations; s++) {
      SimulatedStation sim = sims.get(s);
      long offset = (long) s * reobserveMillis / stations;
      boolean images = s % imagingEvery == 0;
      imagingStations += images ? 1 : 0;
      int tickOffset = s % (stickSeconds * ticksPerSecond);
      contexts.get(s).runOnContext(v -> {
        sim.startReobserving(reobserveMillis, offset);
        if (images) {
          sim.startImaging(progressMillis, ticksPerSecond, stickSeconds * ticksPerSecond, tickOffset);
        }
      });
    }
    log("load: %d stations re-observe %d sticks every %dms; %d stations write one stick each, progress every %dms",
        stations, perStation, reobserveMillis, imagingStations, progressMillis);
    Thread.sleep(5000); // warm-up: the first rotations and JIT
    double patchesBefore = operator.metrics().statusPatchCount();
    long ackedBefore = acked.get();
    tracker.measuring(true);
    long windowStart = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    tracker.measuring(false);
    double window = (System.nanoTime() - windowStart) / 1e9;
    long ackedInWindow = acked.get() - ackedBefore;
    double patches = operator.metrics().statusPatchCount() - patchesBefore;
    long heapUsed = usedHeapAfterGc();
    sims.forEach(SimulatedStation::stop);
    long graceEnd = System.nanoTime() + 10_000_000_000L;
    while (tracker.confirmed() < tracker.sentMeasured() && System.nanoTime() < graceEnd) {
      Thread.sleep(100);
    }

    double p99 = tracker.quantileMillis(0.99);
    log("details: reports_acked=%d sent_in_window=%d confirmed=%d p50_ms=%.0f p90_ms=%.0f p99_ms=%s heap_before_operator_mib=%d",
        ackedInWindow, tracker.sentMeasured(), tracker.confirmed(), tracker.quantileMillis(0.5),
        tracker.quantileMillis(0.9), Double.isInfinite(p99) ? "inf" : String.format(Locale.ROOT, "%.0f", p99),
        heapBaseline / (1024 * 1024));
    System.out.printf(Locale.ROOT, "operator-scale: reports_per_s=%d p99_ms=%d status_patches_per_s=%d heap_mib=%d%n",
        Math.round(ackedInWindow / window), Double.isInfinite(p99) ? -1 : Math.round(p99), Math.round(patches / window),
        heapUsed / (1024 * 1024));

    watcher.close();
    watcherClient.close();
    http.close();
    vertx.close();
    operator.close();
    client.close();
    server.close();
  }

  private void createFleet(KubernetesClient client) throws Exception {
    FleetPolicy policy = Fixtures.policy(NAMESPACE, "default");
    policy.getSpec().alerts.quarantine = false;
    client.resource(policy).create();
    client.resource(Fixtures.catalog(NAMESPACE, "rescue-set", 3)).create();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> work = new ArrayList<>();
    for (int s = 0; s < stations; s++) {
      int station = s;
      work.add(pool.submit(() -> {
        client.resource(Fixtures.tokenSecret(station(station) + "-token", token(station))).create();
        client.resource(Fixtures.station(station(station), station(station) + "-token")).create();
      }));
    }
    for (int d = 0; d < drives; d++) {
      int drive = d;
      work.add(pool.submit(() -> client.resource(Fixtures.driveBySerial(NAMESPACE, driveName(drive), serial(drive),
          "rescue-set")).create()));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
  }

  private static SharedIndexInformer<RescueDrive> watch(KubernetesClient client, LatencyTracker tracker) {
    return client.resources(RescueDrive.class).inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(RescueDrive drive) {
        seen(drive);
      }

      @Override
      public void onUpdate(RescueDrive old, RescueDrive drive) {
        seen(drive);
      }

      @Override
      public void onDelete(RescueDrive drive, boolean unknown) {}

      private void seen(RescueDrive drive) {
        if (drive.getStatus() != null && drive.getStatus().progress != null && drive.getStatus().progress.bytesDone != null) {
          tracker.observed(NAMESPACE + "/" + drive.getMetadata().getName(), drive.getStatus().progress.bytesDone,
              System.nanoTime());
        }
      }
    });
  }

  private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long start = System.nanoTime();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - start > 900e9) {
        throw new IllegalStateException("set-up stuck: not yet " + what + " after 15 minutes");
      }
      Thread.sleep(200);
    }
  }

  private static long countPhase(SharedIndexInformer<RescueDrive> watcher, DrivePhase phase) {
    return watcher.getStore().list().stream().filter(d -> d.getStatus() != null && d.getStatus().phase == phase).count();
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String station(int s) {
    return String.format(Locale.ROOT, "station-%03d", s);
  }

  private static String token(int s) {
    return "token-" + s + "-bench";
  }

  private static String driveName(int d) {
    return String.format(Locale.ROOT, "stick-%05d", d);
  }

  private static String serial(int d) {
    return String.format(Locale.ROOT, "BENCH%08d", d);
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "operator-scale: " + format + "%n", args);
  }
}
