package io.rescuefleet.faults;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.FleetPolicySpec;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogSpec;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.demo.LoopbackFileServer;
import io.rescuefleet.e2e.ImageHub;
import io.rescuefleet.e2e.LocalFleet;
import io.rescuefleet.operator.RescueFleetOperator;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import io.rescuefleet.station.connected.StationConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fleet an outage drill attacks: the in-process API server and operator (restartable on its
 * fixed ports), a {@link ReportTap} in front of the station API, one station daemon in a process of
 * its own whose hub holds image-backed sticks, a RescueDrive per stick, and a catalog of two ISO
 * images served on loopback (new versions of the second from a slow mirror). It hands the drill its
 * levers (stop and start the operator, kill and restart the daemon, pull, damage, slow down and
 * reinsert sticks, publish a new image) and its gauges (statuses, the daemon's outbox, report counts
 * on both sides of the wire).
 */
final class OutageRig implements AutoCloseable {
  static final String NS = "outage-drill";
  static final String STATION = "drill-a";
  static final String BASE_PATH = "iso/base.iso";
  static final String WORK_PATH = "iso/work.iso";
  static final double HEARTBEAT_TIMEOUT_SECONDS = 15;

  /** One stick: its hub port, its serial and the RescueDrive naming it. */
  record Stick(String port, String serial, String drive) {}

  private final Path work;
  private final Vertx vertx;
  private final LoopbackFileServer files;
  private final TrickleFileServer trickle;
  private final Path served;
  private final LocalFleet fleet;
  private final ReportTap tap;
  private final StationConfig config;
  private final Path configFile;
  private final Path log;
  private final ImageHub hub;
  private final List<Stick> sticks = new ArrayList<>();
  private final Map<String, String> catalog = new LinkedHashMap<>();
  private CatalogEntry base;
  private final PulledStick hands;
  private StationProcess daemon;
  private long appliedByStoppedOperators;
  private long duplicatesByStoppedOperators;

  private OutageRig(Path work, Vertx vertx, LoopbackFileServer files, TrickleFileServer trickle, Path served,
      LocalFleet fleet, ReportTap tap, StationConfig config) throws IOException {
    this.work = work;
    this.vertx = vertx;
    this.files = files;
    this.trickle = trickle;
    this.served = served;
    this.fleet = fleet;
    this.tap = tap;
    this.config = config;
    this.configFile = work.resolve("station.yaml");
    this.log = work.resolve("station.log");
    this.hub = new ImageHub(config.discovery.imageHub);
    this.hands = new PulledStick(Files.createDirectories(work.resolve("inspect-cache")));
  }

  /**
   * Starts the fleet with {@code stickCount} blank sticks of {@code stickMiB}, a catalog of a small
   * base image and a work image of {@code workMiB} (the one damage removes and syncs rewrite), and the
   * station daemon, which starts converging them.
   */
  static OutageRig start(Path work, int stickCount, int stickMiB, int workMiB) throws Exception {
    Vertx vertx = Vertx.vertx();
    LocalFleet fleet = null;
    LoopbackFileServer files = null;
    TrickleFileServer trickle = null;
    ReportTap tap = null;
    OutageRig rig = null;
    try {
      Path served = Files.createDirectories(work.resolve("served"));
      files = new LoopbackFileServer(vertx, served);
      trickle = TrickleFileServer.start(vertx, served);
      fleet = LocalFleet.start(work.resolve("fleet"), c -> c);
      tap = ReportTap.start(vertx, fleet.stationApiPort());
      List<String> ports = new ArrayList<>();
      for (int i = 1; i <= stickCount; i++) {
        ports.add("1-3." + i);
      }
      StationConfig config = fleet.registerStation(STATION, ports, null);
      config.operatorUrl = tap.url();
      rig = new OutageRig(work, vertx, files, trickle, served, fleet, tap, config);
      rig.writeConfig();
      List<HasMetadata> objects = new ArrayList<>();
      objects.add(policy());
      objects.add(rig.catalog(workMiB));
      for (int i = 0; i < stickCount; i++) {
        Stick s = new Stick(ports.get(i), String.format("OUTAGE%04d", i + 1), "stick-" + (i + 1));
        rig.sticks.add(s);
        rig.hub.insertBlank(s.port(), s.serial(), (long) stickMiB << 20);
        objects.add(drive(s));
      }
      fleet.apply(objects);
      rig.daemon = StationProcess.start(rig.configFile, rig.log, rig.tmpDir());
      return rig;
    } catch (Exception e) {
      if (rig != null) {
        rig.close();
        throw e;
      }
      if (tap != null) {
        tap.close();
      }
      if (fleet != null) {
        fleet.close();
      }
      if (files != null) {
        files.close();
      }
      if (trickle != null) {
        trickle.close();
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  List<Stick> sticks() {
    return List.copyOf(sticks);
  }

  /** Where each file must be on every stick, with its SHA-256. */
  Map<String, String> catalogFiles() {
    return Map.copyOf(catalog);
  }

  LocalFleet fleet() {
    return fleet;
  }

  ReportTap tap() {
    return tap;
  }

  Path stationLog() {
    return log;
  }

  RescueDriveStatus status(Stick s) {
    RescueDrive d = fleet.client().resources(RescueDrive.class).inNamespace(NS).withName(s.drive()).get();
    return d == null ? null : d.getStatus();
  }

  String driveKey(Stick s) {
    return NS + "/" + s.drive();
  }

  /** Report batches waiting in the daemon's outbox. */
  int outboxBacklog() throws IOException {
    return countJson(config.stateDir.resolve("outbox"));
  }

  /** Batches the daemon set aside because the operator refused them for good. */
  int rejectedBatches() throws IOException {
    return countJson(config.stateDir.resolve("outbox").resolve("rejected"));
  }

  /** Stops the operator; its counts are kept for {@link #applied} and {@link #duplicates}. */
  void stopOperator() {
    RescueFleetOperator op = fleet.operator();
    fleet.stopOperator();
    if (op != null) {
      // Read after it stopped: nothing is applied any more once its station API is closed.
      appliedByStoppedOperators += op.metrics().reportsIngestedCount(STATION);
      duplicatesByStoppedOperators += op.metrics().reportsDuplicateCount(STATION);
    }
  }

  void startOperator() {
    fleet.startOperator();
  }

  /** Reports the operators applied so far, summed over every operator instance of the run. */
  long applied() {
    OperatorMetrics live = fleet.operator() == null ? null : fleet.operator().metrics();
    return appliedByStoppedOperators + (live == null ? 0 : live.reportsIngestedCount(STATION));
  }

  /** Reports the operators recognised as already applied, summed over every operator instance. */
  long duplicates() {
    OperatorMetrics live = fleet.operator() == null ? null : fleet.operator().metrics();
    return duplicatesByStoppedOperators + (live == null ? 0 : live.reportsDuplicateCount(STATION));
  }

  /** SIGKILL to the daemon and its tools; returns what it left attached, still in place. */
  PowerCutLeftovers killDaemon() throws IOException, InterruptedException {
    daemon.kill();
    return PowerCutLeftovers.find(stationDir(), tmpDir());
  }

  void startDaemon() throws IOException {
    daemon = StationProcess.start(configFile, log, tmpDir());
  }

  boolean daemonAlive() {
    return daemon != null && daemon.alive();
  }

  /** Makes the stick write at most {@code mbps} MB/s from its next insertion on (0: full speed). */
  void throttle(Stick s, double mbps) throws IOException {
    hub.throttle(s.port(), mbps);
  }

  Path pull(Stick s) throws IOException {
    return hub.pull(s.port());
  }

  void reinsert(Stick s) throws IOException {
    hub.reinsert(s.port());
  }

  /** Problems of a pulled stick (see {@link PulledStick#problems}); waits until the daemon let go of it. */
  List<String> inspectPulled(Stick s) throws IOException, InterruptedException {
    awaitReleased();
    return hands.problems(hub.image(s.port()), catalog);
  }

  /** Deletes the work image from a pulled stick: drift for the next insertion to correct. */
  void damagePulled(Stick s) throws IOException, InterruptedException {
    awaitReleased();
    hands.delete(hub.image(s.port()), WORK_PATH);
  }

  /** Everything the daemon attached or mounted, now (empty while it works on no stick). */
  PowerCutLeftovers attached() throws IOException, InterruptedException {
    return PowerCutLeftovers.find(stationDir(), tmpDir());
  }

  private void awaitReleased() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!attached().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the station daemon still holds its sticks: " + attached());
      }
      Thread.sleep(200);
    }
  }

  private Path stationDir() {
    return config.discovery.imageHub.getParent();
  }

  private Path tmpDir() {
    return work.resolve("station-tmp");
  }

  private void writeConfig() throws IOException {
    // The keys of station-daemon/packaging/station.yaml.example.
    Files.writeString(configFile, String.join("\n",
        "station: " + config.station,
        "operatorUrl: " + config.operatorUrl,
        "tokenFile: " + config.tokenFile,
        "cacheDir: " + config.cacheDir,
        "stateDir: " + config.stateDir,
        "discovery:",
        "  pollSeconds: " + config.discovery.pollSeconds,
        "  usb: false",
        "  imageHub: " + config.discovery.imageHub,
        "maxParallelSticks: " + config.maxParallelSticks,
        ""));
  }

  /**
   * Replaces the work image with new content of {@code mib} MiB at the same path, served at
   * {@code bytesPerSecond}: every stick has a new image to download and write.
   */
  void newWorkImage(int round, int mib, long bytesPerSecond) throws IOException {
    trickle.rate(bytesPerSecond);
    IsoCatalog c = catalog(List.of(base, entry("work-" + round, WORK_PATH, mib << 20, 1000 + round, true)));
    fleet.apply(List.of(c));
  }

  private IsoCatalog catalog(int workMiB) throws IOException {
    base = entry("base", BASE_PATH, 2 << 20, 7, false);
    return catalog(List.of(base, entry("work", WORK_PATH, workMiB << 20, 8, false)));
  }

  private IsoCatalog catalog(List<CatalogEntry> entries) {
    IsoCatalog c = new IsoCatalog();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("outage-set").build());
    c.setSpec(new IsoCatalogSpec());
    c.getSpec().entries = entries;
    catalog.clear();
    entries.forEach(e -> catalog.put(e.path, e.sha256));
    return c;
  }

  private CatalogEntry entry(String name, String path, int size, long seed, boolean slow) throws IOException {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    Files.write(served.resolve(name + ".iso"), data);
    CatalogEntry e = new CatalogEntry();
    e.name = name;
    e.url = slow ? trickle.url(name + ".iso") : files.url(name + ".iso");
    e.sha256 = sha256(data);
    e.size = (long) size;
    e.path = path;
    return e;
  }

  /**
   * No throughput alerts (the drill slows sticks down on purpose) and no quarantine; a heartbeat
   * timeout shorter than the outages (heartbeats come every 10 s), so the operator comes back to a
   * station it considers offline, as after an outage of minutes with the default 60 s.
   */
  private static FleetPolicy policy() {
    FleetPolicy p = new FleetPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(ApiConstants.DEFAULT_POLICY_NAME).build());
    p.setSpec(new FleetPolicySpec());
    p.getSpec().alerts.minWriteMBps = 0.0;
    p.getSpec().alerts.minReadMBps = 0.0;
    p.getSpec().alerts.quarantine = false;
    p.getSpec().alerts.stationHeartbeatTimeoutSeconds = HEARTBEAT_TIMEOUT_SECONDS;
    return p;
  }

  private static RescueDrive drive(Stick s) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(s.drive()).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = s.serial();
    d.getSpec().catalogRef = new ObjectRef("outage-set");
    return d;
  }

  private static int countJson(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> list = Files.list(dir)) {
      return (int) list.filter(p -> p.getFileName().toString().endsWith(".json")).count();
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops the daemon (SIGTERM, or whatever a kill left behind is swept), then the fleet; nothing of
   * the run stays attached or mounted.
   */
  @Override
  public void close() throws Exception {
    try {
      if (daemon != null) {
        daemon.stop();
      }
    } finally {
      PowerCutLeftovers left = attached();
      if (!left.isEmpty()) {
        left.sweep();
      }
      tap.close();
      fleet.close();
      files.close();
      trickle.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
