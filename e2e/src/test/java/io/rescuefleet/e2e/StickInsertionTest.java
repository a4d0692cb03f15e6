package io.rescuefleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.ImagingStationSpec;
import io.rescuefleet.api.v1alpha1.SecretKeyRef;
import io.rescuefleet.station.connected.ImageHubSource;
import io.rescuefleet.station.connected.RunCommand;
import io.rescuefleet.station.connected.StationConfig;
import io.rescuefleet.station.connected.StationDaemon;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import io.rescuefleet.api.v1alpha1.ImagingStationStatus;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogSpec;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.demo.LoopbackFileServer;
import io.rescuefleet.station.device.ImageFileTarget;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.engine.ConvergeOptions;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.Inspection;
import io.rescuefleet.station.engine.StationEngine;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.process.ProcessRunner;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connected stations against a running operator, over real HTTP: the heartbeat carries the identity
 * the station read from a stick's manifest, and the answer carries the ImagingStation's allowlist,
 * which the station intersects with its own; a stick pulled mid-copy stops its run cleanly, goes
 * Absent, and converges in one run when it comes back.
 */
class StickInsertionTest {
  private static final String NS = "sticks";
  private static final String STATION = "lab-ins";
  @TempDir static Path work;
  private static LocalFleet fleet;
  private static Vertx vertx;
  private static LoopbackFileServer files;
  private static Path served;

  @BeforeAll
  static void startFleet() throws Exception {
    Root.require();
    vertx = Vertx.vertx();
    served = Files.createDirectories(work.resolve("served"));
    files = new LoopbackFileServer(vertx, served);
    fleet = LocalFleet.start(work.resolve("fleet"), c -> c);
    fleet.addStation(STATION, List.of("1-4.1", "1-4.2"), null);
  }

  @AfterAll
  static void stopFleet() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (files != null) {
      files.close();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  @Test
  void theHeartbeatCarriesTheDriveUuidTheStationReadFromTheSticksManifest() throws IOException {
    LocalFleet.Station lab = fleet.station(STATION);
    lab.hub().insertBlank("1-4.1", "IDNT0001", 96L << 20);
    fleet.apply(List.of(catalog("id-set", entry("id-image", "iso/id.iso", 2 << 20, 11)),
        drive("identified", "IDNT0001", "id-set")));
    awaitPhase("identified", DrivePhase.Ready, Duration.ofMinutes(2));

    // A blank stick had no manifest: the identity comes from the one the run wrote, without a new mount.
    ImagingStationStatus.PortStatus port = awaitPort("1-4.1", p -> p.driveUuid != null);
    StickManifest onStick = manifest(lab.hub().image("1-4.1"));
    assertThat(port.driveUuid).isEqualTo(onStick.driveUuid());
    assertThat(onStick.driveKey()).isEqualTo(NS + "/identified");
    assertThat(port.drive).isEqualTo(NS + "/identified");
    assertThat(fleet.operator().fleet().snapshot().stations()).filteredOn(s -> s.name().equals(STATION)).singleElement()
        .satisfies(s -> assertThat(s.ports()).filteredOn(p -> p.port().equals("1-4.1")).singleElement()
            .satisfies(p -> assertThat(p.driveUuid()).isEqualTo(onStick.driveUuid())));
  }

  @Test
  void aStickPulledMidCopyStopsItsRunCleanlyGoesAbsentAndConvergesInOneRunWhenBack() throws Exception {
    LocalFleet.Station lab = fleet.station(STATION);
    lab.hub().insertBlank("1-4.2", "PULL0001", 128L << 20);
    // A slow stick (the kernel holds its writes to 4 MB/s), so the 20 MiB copy takes seconds.
    lab.hub().throttle("1-4.2", 4);
    fleet.apply(List.of(catalog("pull-set", entry("big", "iso/big.iso", 20 << 20, 21)), drive("pulled", "PULL0001", "pull-set")));

    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> copying("pulled", "big"));
    Map<String, String> loops = loopsOf(lab.hub().image("1-4.2"));
    assertThat(loops).as("the run's disk and region loop devices").hasSizeGreaterThanOrEqualTo(2);
    Path image = lab.hub().pull("1-4.2");

    // Cancelled: the run ends and lets go of every loop device, mount and throttle it held for this image.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> lab.daemon().running().isEmpty() && stillHeld(loops).isEmpty());
    assertThat(loopsOf(image)).isEmpty();
    // The machine is shared: a loop number let go may already serve someone else's mount or throttle,
    // so only devices no one re-attached count (a leaked mount would have kept ours attached, above).
    java.util.Set<String> released = new java.util.TreeSet<>(loops.keySet());
    released.removeIf(loop -> allLoopsQuietly().containsKey(loop));
    assertThat(mountedFrom(released)).isEmpty();
    assertThat(throttled(released)).isEmpty();
    assertThat(awaitPhase("pulled", DrivePhase.Absent, Duration.ofSeconds(30)).station).isEqualTo(STATION);
    // Stopped before its end: the stick's manifest vouches for no file of this run. A copy filled in place
    // (exfat-fuse) claimed its path first, so the half-made file is RescueFleet's to finish, no stranger's.
    StickManifest cut = inspect(image).manifest();
    if (cut != null) {
      assertThat(cut.files()).isEmpty();
      assertThat(cut.specDigest()).isNull();
      assertThat(cut.pending()).containsExactly("iso/big.iso");
    }

    long runsBefore = lab.daemon().runsStarted();
    lab.hub().throttle("1-4.2", 0);
    lab.hub().reinsert("1-4.2");
    RescueDriveStatus back = awaitPhase("pulled", DrivePhase.Ready, Duration.ofMinutes(2));
    assertThat(lab.daemon().runsStarted() - runsBefore).as("runs to converge after reinsertion").isEqualTo(1);
    assertThat(back.entriesSynced).isEqualTo("1/1");
    StickManifest onStick = manifest(lab.hub().image("1-4.2"));
    assertThat(onStick.files()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("iso/big.iso"));
  }

  /** Whether the drive's status shows the copy of {@code entry} under way. */
  private static boolean copying(String drive, String entry) {
    RescueDriveStatus s = status(drive);
    return s != null && s.phase == DrivePhase.Reconciling && s.entries != null
        && s.entries.stream().anyMatch(e -> entry.equals(e.name) && "Syncing".equals(e.state));
  }

  /** Loop devices backed by {@code image}, and those backed by them (region devices), each with its backing. */
  private static Map<String, String> loopsOf(Path image) throws IOException {
    Map<String, String> backing = allLoops();
    Map<String, String> ours = new java.util.TreeMap<>();
    backing.forEach((loop, file) -> {
      if (file.equals(image.toString())) {
        ours.put(loop, file);
      }
    });
    backing.forEach((loop, file) -> {
      if (ours.containsKey(file)) {
        ours.put(loop, file);
      }
    });
    return ours;
  }

  /** Of {@code recorded} (loop to backing), those still attached to the same backing. */
  private static Map<String, String> stillHeld(Map<String, String> recorded) throws IOException {
    Map<String, String> now = allLoops();
    Map<String, String> held = new java.util.TreeMap<>();
    recorded.forEach((loop, file) -> {
      String current = now.get(loop);
      // The disk loop's backing path moved with the pulled port directory.
      if (current != null && (current.equals(file) || current.endsWith("/1-4.2/" + ImageHubSource.IMAGE))) {
        held.put(loop, current);
      }
    });
    return held;
  }

  private static Map<String, String> allLoopsQuietly() {
    try {
      return allLoops();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every attached loop device with its backing file, from sysfs. */
  private static Map<String, String> allLoops() throws IOException {
    Map<String, String> loops = new java.util.TreeMap<>();
    try (var devices = Files.list(Path.of("/sys/block"))) {
      for (Path dev : devices.filter(p -> p.getFileName().toString().startsWith("loop")).toList()) {
        Path backing = dev.resolve("loop/backing_file");
        if (Files.isReadable(backing)) {
          try {
            loops.put("/dev/" + dev.getFileName(), Files.readString(backing).strip());
          } catch (IOException e) {
            // detached meanwhile
          }
        }
      }
    }
    return loops;
  }

  private static List<String> mountedFrom(java.util.Set<String> devices) throws IOException {
    return Files.readAllLines(Path.of("/proc/mounts")).stream()
        .filter(line -> devices.contains(line.split(" ")[0])).toList();
  }

  /** Write throttles still set on {@code devices}. */
  private static List<String> throttled(java.util.Set<String> devices) throws IOException {
    Path rules = Path.of("/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device");
    List<String> majMins = new java.util.ArrayList<>();
    for (String d : devices) {
      if (Files.exists(Path.of(d))) {
        long rdev = ((Number) Files.getAttribute(Path.of(d), "unix:rdev")).longValue();
        majMins.add(((rdev >>> 8) & 0xfff) + ":" + ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
      }
    }
    return Files.readAllLines(rules).stream().filter(l -> majMins.contains(l.split(" ")[0])).toList();
  }

  @Test
  void theStationAdmitsOnlyTheDevicesBothItsConfigAndItsImagingStationAllow() throws Exception {
    ImagingStation station = new ImagingStation();
    station.setMetadata(new ObjectMetaBuilder().withName("lab-allow").build());
    station.setSpec(new ImagingStationSpec());
    station.getSpec().tokenSecretRef = new SecretKeyRef(LocalFleet.SYSTEM_NAMESPACE, "lab-allow-token", "token");
    station.getSpec().allowDevices = List.of("/dev/rf-e2e-b", "/dev/rf-e2e-c");
    fleet.apply(List.of(new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder().withNamespace(LocalFleet.SYSTEM_NAMESPACE).withName("lab-allow-token").build())
        .withStringData(Map.of("token", "lab-allow-secret-token")).build(), station));
    Path dir = Files.createDirectories(work.resolve("lab-allow"));
    StationConfig config = new StationConfig();
    config.station = "lab-allow";
    config.operatorUrl = URI.create("http://127.0.0.1:" + fleet.operator().stationApiPort());
    config.tokenFile = Files.writeString(dir.resolve("token"), "lab-allow-secret-token");
    config.cacheDir = dir.resolve("cache");
    config.stateDir = dir.resolve("state");
    config.discovery.usb = false; // the host's real disks stay out of this
    config.discovery.pollSeconds = 0.5;
    config.allowDevices = List.of("/dev/rf-e2e-a", "/dev/rf-e2e-b");

    try (StationDaemon daemon = RunCommand.create(config, Clock.systemUTC())) {
      assertThat(daemon.allowlist().devices()).as("nothing before the operator answers").isEmpty();
      daemon.start();
      // b: both allow it; a: only the host; c: only the cluster, which can narrow the host's list, never widen it.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(daemon.allowlist().devices()).containsExactly("/dev/rf-e2e-b"));
    }
  }

  /** The manifest on an image, read as {@code rescue-station inspect} would (read-only). */
  private static StickManifest manifest(Path image) {
    StickManifest m = inspect(image).manifest();
    assertThat(m).as("manifest on " + image).isNotNull();
    return m;
  }

  private static Inspection inspect(Path image) {
    ProcessRunner runner = new ProcessRunner();
    StationEngine engine = StationEngine.create(runner, work.resolve("inspect-cache"));
    try (ImageFileTarget target = ImageFileTarget.attach(image, null, new LoopDevices(runner))) {
      return engine.inspect(target, VerifyMode.Quick, ConvergeOptions.defaults(), EngineListener.NONE, Cancellation.none());
    }
  }

  private static ImagingStationStatus.PortStatus awaitPort(String path,
      java.util.function.Predicate<ImagingStationStatus.PortStatus> until) {
    ImagingStationStatus.PortStatus[] found = new ImagingStationStatus.PortStatus[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      ImagingStation s = fleet.client().resources(ImagingStation.class).withName(STATION).get();
      if (s == null || s.getStatus() == null || s.getStatus().ports == null) {
        return false;
      }
      found[0] = s.getStatus().ports.stream().filter(p -> path.equals(p.path)).findFirst().orElse(null);
      return found[0] != null && until.test(found[0]);
    });
    return found[0];
  }

  private static RescueDriveStatus awaitPhase(String name, DrivePhase phase, Duration within) {
    await().atMost(within).pollInterval(Duration.ofMillis(250))
        .until(() -> status(name) != null && status(name).phase == phase);
    return status(name);
  }

  private static RescueDriveStatus status(String name) {
    RescueDrive d = fleet.client().resources(RescueDrive.class).inNamespace(NS).withName(name).get();
    return d == null ? null : d.getStatus();
  }

  private static CatalogEntry entry(String name, String path, int size, long seed) throws IOException {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    Files.write(served.resolve(name + ".iso"), data);
    CatalogEntry e = new CatalogEntry();
    e.name = name;
    e.url = files.url(name + ".iso");
    e.sha256 = sha256(data);
    e.size = (long) size;
    e.path = path;
    return e;
  }

  private static HasMetadata catalog(String name, CatalogEntry... entries) {
    IsoCatalog c = new IsoCatalog();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    c.setSpec(new IsoCatalogSpec());
    c.getSpec().entries = List.of(entries);
    return c;
  }

  private static HasMetadata drive(String name, String serial, String catalog) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = serial;
    d.getSpec().catalogRef = new ObjectRef(catalog);
    return d;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
