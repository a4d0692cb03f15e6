package io.rescuefleet.e2e;

import static io.rescuefleet.e2e.Scenarios.condition;
import static io.rescuefleet.e2e.Scenarios.conditionIs;
import static io.rescuefleet.e2e.Scenarios.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.EntrySelection;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.demo.Cleanup;
import io.rescuefleet.demo.LoopbackFileServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios on one running fleet (API server, operator, two connected stations with image hubs),
 * each in its own namespace with its own catalog and policy so that they cannot disturb each other:
 * a catalog change rolls out; a policy change moves the verify level; a slow stick is alerted on,
 * quarantined and released by acknowledgement; a stick moved to another station follows its drive.
 * Each one creates, awaits, changes, awaits and deletes.
 */
class FleetScenariosTest {
  private static final long STICK_BYTES = 160L << 20;
  private static final Duration CONVERGE = Duration.ofMinutes(2);
  private static final Duration QUICKLY = Duration.ofSeconds(30);

  @TempDir static Path work;
  private static Vertx vertx;
  private static LoopbackFileServer files;
  private static LocalFleet fleet;
  private static Scenarios kit;
  private static LocalFleet.Station labA;
  private static LocalFleet.Station labB;

  @BeforeAll
  static void startFleet() throws Exception {
    Root.require();
    vertx = Vertx.vertx();
    Path served = Files.createDirectories(work.resolve("served"));
    files = new LoopbackFileServer(vertx, served);
    fleet = LocalFleet.start(work.resolve("fleet"), c -> c);
    kit = new Scenarios(fleet, files, served);
    labA = fleet.addStation("lab-a", List.of("1-1.1", "1-1.2", "1-1.3", "1-1.4", "1-1.5", "1-1.6", "1-1.7"), null);
    labB = fleet.addStation("lab-b", List.of("2-1.1"), null);
  }

  @AfterAll
  static void stopFleet() throws Exception {
    try {
      if (fleet != null) {
        fleet.close();
      }
      if (files != null) {
        files.close();
      }
      if (vertx != null) {
        vertx.close();
      }
    } finally {
      assertThat(Cleanup.leftovers(work)).as("loop devices and mounts left behind").isEmpty();
    }
  }

  @Test
  void catalogChangeRollsOutToEveryStickUsingTheChangedEntriesAndOnlyThose() throws Exception {
    String ns = "e2e-catalog";
    CatalogEntry rescue = kit.image("rescue", "iso/rescue.iso", 4 << 20, 11, Map.of("category", "linux"));
    CatalogEntry tool = kit.image("tool", "iso/tool.iso", 2 << 20, 12, Map.of("category", "tools"));
    CatalogEntry memtest = kit.image("memtest", "iso/memtest.iso", 1 << 20, 13, Map.of());
    RescueDrive all = Scenarios.drive(ns, "all-entries", "CAT0001", "tools");
    RescueDrive tools = Scenarios.drive(ns, "tools-only", "CAT0002", "tools");
    tools.getSpec().entries = new EntrySelection();
    tools.getSpec().entries.selector = new EntrySelection.Selector();
    tools.getSpec().entries.selector.matchLabels.put("category", "tools");
    RescueDrive linux = Scenarios.drive(ns, "linux-by-name", "CAT0003", "tools");
    linux.getSpec().entries = new EntrySelection();
    linux.getSpec().entries.names.add("rescue");
    RescueDrive other = Scenarios.drive(ns, "other-catalog", "CAT0004", "other");
    List<RescueDrive> drives = List.of(all, tools, linux, other);
    for (int i = 0; i < drives.size(); i++) {
      labA.hub().insertBlank("1-1." + (i + 1), drives.get(i).getSpec().serial, STICK_BYTES);
    }
    fleet.apply(List.of(Scenarios.catalog(ns, "tools", rescue, tool), Scenarios.catalog(ns, "other", memtest)));
    fleet.apply(drives);

    Map<String, RescueDriveStatus> before = new TreeMap<>();
    for (RescueDrive d : drives) {
      before.put(name(d), kit.awaitDrive(ns, name(d), "Ready", CONVERGE, s -> s.phase == DrivePhase.Ready));
    }
    assertThat(before.get("all-entries").entriesSynced).isEqualTo("2/2");
    assertThat(before.get("tools-only").entriesSynced).isEqualTo("1/1");
    assertThat(before.get("linux-by-name").entriesSynced).isEqualTo("1/1");

    // A new entry and a changed one, both labelled tools; the linux entry stays as it was.
    CatalogEntry toolV2 = kit.image("tool", "iso/tool.iso", (2 << 20) + 4096, 22, Map.of("category", "tools"));
    CatalogEntry netboot = kit.image("netboot", "iso/netboot.iso", 3 << 20, 23, Map.of("category", "tools"));
    fleet.apply(List.of(Scenarios.catalog(ns, "tools", rescue, toolV2, netboot)));

    long changedBytes = toolV2.size + netboot.size;
    for (String name : List.of("all-entries", "tools-only")) {
      RescueDriveStatus was = before.get(name);
      RescueDriveStatus now = kit.awaitDrive(ns, name, "the new assignment applied", CONVERGE,
          s -> s.phase == DrivePhase.Ready && !Objects.equals(s.appliedDigest, was.appliedDigest)
              && !labA.daemon().running().contains(ns + "/" + name));
      assertThat(now.entriesSynced).isEqualTo(name.equals("all-entries") ? "3/3" : "2/2");
      assertThat(now.entries).filteredOn(e -> e.name.equals("tool")).singleElement()
          .satisfies(e -> assertThat(e.sha256).isEqualTo(toolV2.sha256));
      assertThat(written(now) - written(was)).as(name + ": bytes written for the change")
          .isBetween(changedBytes, changedBytes + (2L << 20));
    }
    for (String name : List.of("linux-by-name", "other-catalog")) {
      RescueDriveStatus was = before.get(name);
      RescueDriveStatus now = kit.status(ns, name);
      assertThat(now.phase).as(name).isEqualTo(DrivePhase.Ready);
      assertThat(now.appliedDigest).as(name + ": assignment").isEqualTo(was.appliedDigest);
      assertThat(written(now)).as(name + ": bytes written").isEqualTo(written(was));
      assertThat(now.lastVerify.time).as(name + ": no new run").isEqualTo(was.lastVerify.time);
    }

    Map<String, String> onAll = pulledContents(ns, "all-entries", "1-1.1");
    assertThat(onAll).containsEntry("iso/rescue.iso", rescue.sha256).containsEntry("iso/tool.iso", toolV2.sha256)
        .containsEntry("iso/netboot.iso", netboot.sha256);
    Map<String, String> onLinux = pulledContents(ns, "linux-by-name", "1-1.3");
    assertThat(onLinux).containsEntry("iso/rescue.iso", rescue.sha256)
        .doesNotContainKeys("iso/tool.iso", "iso/netboot.iso");

    delete(drives);
    labA.hub().pull("1-1.2");
    labA.hub().pull("1-1.4");
  }

  @Test
  void policyChangeChangesTheVerifyLevelTheNextInsertionGets() throws Exception {
    String ns = "e2e-policy";
    String port = "1-1.5";
    FleetPolicy policy = Scenarios.policy(ns, p -> {
      p.sampling.verify.mode = VerifyMode.Quick;
      p.sampling.verify.fullEvery = 100;
    });
    labA.hub().insertBlank(port, "POL0001", STICK_BYTES);
    fleet.apply(List.of(policy, Scenarios.catalog(ns, "tools", kit.image("rescue", "iso/rescue.iso", 3 << 20, 31, Map.of())),
        Scenarios.drive(ns, "stick", "POL0001", "tools")));

    RescueDriveStatus first = kit.awaitDrive(ns, "stick", "Ready", CONVERGE, s -> s.phase == DrivePhase.Ready);
    assertThat(first.lastVerify.mode).as("never verified in full: the first insertion is").isEqualTo(VerifyMode.Full);

    RescueDriveStatus quick = reinsert(ns, "stick", port, first);
    assertThat(quick.lastVerify.mode).isEqualTo(VerifyMode.Quick);
    assertThat(quick.verification.due).isEqualTo(VerifyMode.Quick);

    policy.getSpec().sampling.verify.mode = VerifyMode.Sampled;
    fleet.apply(List.of(policy));
    awaitPolicyObserved(ns, policy);
    RescueDriveStatus sampled = reinsert(ns, "stick", port, quick);
    assertThat(sampled.lastVerify.mode).isEqualTo(VerifyMode.Sampled);
    assertThat(sampled.verification.insertionsSinceFull).isEqualTo(2);

    policy.getSpec().sampling.verify.fullEvery = 3;
    fleet.apply(List.of(policy));
    awaitPolicyObserved(ns, policy);
    RescueDriveStatus full = reinsert(ns, "stick", port, sampled);
    assertThat(full.lastVerify.mode).as("the third insertion since the last Full").isEqualTo(VerifyMode.Full);
    assertThat(full.verification.insertionsSinceFull).as("a Full verification restarts the count").isZero();
    assertThat(written(full) - written(first)).as("verification only records itself").isLessThan(1L << 20);

    delete(List.of(kit.get(ns, "stick")));
    labA.hub().pull(port);
  }

  @Test
  void slowStickIsAlertedAndQuarantinedWithoutFurtherWritesUntilAcknowledged() throws Exception {
    String ns = "e2e-slow";
    String port = "1-1.6";
    FleetPolicy policy = Scenarios.policy(ns, p -> {
      p.alerts.minWriteMBps = 20.0;
      p.alerts.throughputWindowSeconds = 4.0;
      p.alerts.minReadMBps = 0.0; // reads are not throttled; this scenario is about writes
      p.alerts.quarantine = true;
    });
    // 8 s at 4 MB/s: the alert (after 2 s of samples) comes well before the copy would end.
    CatalogEntry big = kit.image("big", "iso/big.iso", 32 << 20, 41, Map.of());
    labA.hub().insertBlank(port, "SLOW0001", STICK_BYTES);
    labA.hub().throttle(port, 4);
    fleet.apply(List.of(policy, Scenarios.catalog(ns, "tools", big), Scenarios.drive(ns, "slow", "SLOW0001", "tools")));

    String key = ns + "/slow";
    RescueDriveStatus quarantined = kit.awaitDrive(ns, "slow", "SlowWrite and Quarantined", CONVERGE,
        s -> s.phase == DrivePhase.Quarantined && conditionIs(s, "SlowWrite", "True"));
    kit.awaitEvent(ns, "slow", "Warning", "SlowWrite");
    kit.awaitEvent(ns, "slow", "Warning", "Quarantined");
    await().atMost(QUICKLY).pollInterval(Duration.ofMillis(250))
        .until(() -> !labA.daemon().running().contains(key));
    Path image = labA.hub().image(port);
    String imageBefore = sha256(image);
    long writtenBefore = written(kit.status(ns, "slow"));
    Thread.sleep(2000);
    RescueDriveStatus held = kit.status(ns, "slow");
    assertThat(held.phase).isEqualTo(DrivePhase.Quarantined);
    assertThat(held.entriesSynced).as("the image was not finished").isEqualTo("0/1");
    assertThat(sha256(image)).as("nothing written to the stick while quarantined").isEqualTo(imageBefore);
    assertThat(written(held)).isEqualTo(writtenBefore);

    fleet.client().resources(RescueDrive.class).inNamespace(ns).withName("slow").edit(d -> {
      d.getMetadata().getAnnotations().put(ApiConstants.ACKNOWLEDGE_ANNOTATION, Instant.now().toString());
      return d;
    });
    RescueDriveStatus released = kit.awaitDrive(ns, "slow", "converged after acknowledgement", CONVERGE,
        s -> conditionIs(s, "Synced", "True") && (s.phase == DrivePhase.Ready || s.phase == DrivePhase.Degraded));
    assertThat(condition(released, "Quarantined").orElseThrow().getReason()).isEqualTo("Acknowledged");
    assertThat(released.entriesSynced).isEqualTo("1/1");
    kit.awaitEvent(ns, "slow", "Normal", "QuarantineReleased");

    labA.hub().throttle(port, 0);
    delete(List.of(kit.get(ns, "slow")));
    labA.hub().pull(port);
  }

  @Test
  void stickMovedToAnotherStationFollowsItsDrive() throws Exception {
    String ns = "e2e-move";
    labA.hub().insertBlank("1-1.7", "MOVE0001", STICK_BYTES);
    fleet.apply(List.of(Scenarios.catalog(ns, "tools", kit.image("rescue", "iso/rescue.iso", 3 << 20, 51, Map.of())),
        Scenarios.drive(ns, "traveller", "MOVE0001", "tools")));
    RescueDriveStatus atA = kit.awaitDrive(ns, "traveller", "Ready at lab-a", CONVERGE, s -> s.phase == DrivePhase.Ready);
    assertThat(atA.station).isEqualTo("lab-a");
    assertThat(atA.port).isEqualTo("1-1.7");

    labA.hub().pull("1-1.7");
    kit.awaitDrive(ns, "traveller", "Absent", QUICKLY, s -> s.phase == DrivePhase.Absent);
    labA.hub().movePulled("1-1.7", labB.hub(), "2-1.1");
    labB.hub().reinsert("2-1.1");
    RescueDriveStatus atB = kit.awaitDrive(ns, "traveller", "Ready at lab-b", CONVERGE,
        s -> s.phase == DrivePhase.Ready && "lab-b".equals(s.station)
            && !Objects.equals(s.verification.insertionId, atA.verification.insertionId));
    assertThat(atB.port).isEqualTo("2-1.1");
    assertThat(atB.boundSerial).isEqualTo("MOVE0001");
    assertThat(atB.appliedDigest).isEqualTo(atA.appliedDigest);
    assertThat(written(atB) - written(atA)).as("the stick already matched: only the verification is recorded")
        .isLessThan(1L << 20);
    await().atMost(QUICKLY).untilAsserted(() -> {
      assertThat(ports("lab-b")).containsEntry("2-1.1", ns + "/traveller");
      assertThat(ports("lab-a")).doesNotContainValue(ns + "/traveller");
    });

    delete(List.of(kit.get(ns, "traveller")));
    labB.hub().pull("2-1.1");
  }

  /** Pulls the stick of a drive and lists what is on it. */
  private static Map<String, String> pulledContents(String ns, String drive, String port) throws IOException {
    Path image = labA.hub().pull(port);
    kit.awaitDrive(ns, drive, "Absent", QUICKLY, s -> s.phase == DrivePhase.Absent);
    try (StickVolume volume = StickVolume.open(image, false)) {
      Map<String, String> found = new TreeMap<>();
      try (var walk = Files.walk(volume.root().resolve("iso"))) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          String rel = volume.root().relativize(p).toString();
          found.put(rel, volume.sha256(rel));
        }
      }
      return found;
    }
  }

  /** Pulls and reinserts the stick; returns the status once the new insertion is verified and Ready. */
  private static RescueDriveStatus reinsert(String ns, String drive, String port, RescueDriveStatus before)
      throws IOException {
    labA.hub().pull(port);
    kit.awaitDrive(ns, drive, "Absent", QUICKLY, s -> s.phase == DrivePhase.Absent);
    labA.hub().reinsert(port);
    return kit.awaitDrive(ns, drive, "Ready after reinsertion", CONVERGE, s -> s.phase == DrivePhase.Ready
        && s.verification != null && !Objects.equals(s.verification.insertionId, before.verification.insertionId)
        && s.lastVerify != null && !Objects.equals(s.lastVerify.time, before.lastVerify.time));
  }

  /** Waits until the operator has reconciled the policy's latest generation (so drives resolve against it). */
  private static void awaitPolicyObserved(String ns, FleetPolicy policy) {
    await().atMost(QUICKLY).pollInterval(Duration.ofMillis(250)).until(() -> {
      FleetPolicy now = fleet.client().resources(FleetPolicy.class).inNamespace(ns).withName("default").get();
      return now.getStatus() != null && Objects.equals(now.getStatus().observedGeneration, now.getMetadata().getGeneration());
    });
  }

  private static Map<String, String> ports(String station) {
    ImagingStation s = fleet.client().resources(ImagingStation.class).withName(station).get();
    Map<String, String> drives = new TreeMap<>();
    if (s.getStatus() != null) {
      s.getStatus().ports.stream().filter(p -> p.drive != null).forEach(p -> drives.put(p.path, p.drive));
    }
    return drives;
  }

  private static void delete(List<? extends HasMetadata> objects) {
    for (HasMetadata o : objects) {
      fleet.client().resource(o).delete();
    }
    await().atMost(QUICKLY).until(() -> objects.stream().allMatch(o -> fleet.client().resource(o).get() == null));
  }

  private static String name(HasMetadata o) {
    return o.getMetadata().getName();
  }

  private static String sha256(Path file) throws Exception {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    }
  }
}
