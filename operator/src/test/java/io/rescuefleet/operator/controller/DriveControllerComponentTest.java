package io.rescuefleet.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.operator.status.Timestamps;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.OperatorFixture;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controllers against the in-process API server: validation with the last good assignment
 * kept, re-resolution through informer indexes when a catalog or policy changes, binding by claim
 * and its conflicts, alerts with quarantine and acknowledgement, and station liveness.
 */
class DriveControllerComponentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SLOW_WRITE_FIRING = "rescuefleet_alerts_firing{kind=\"SlowWrite\"}";
  private static final String QUARANTINED_DRIVES = "rescuefleet_quarantined_drives";
  private static final String DRIVES_QUARANTINED_PHASE = "rescuefleet_drives{phase=\"Quarantined\"}";
  private static final String DRIVES_DEGRADED_PHASE = "rescuefleet_drives{phase=\"Degraded\"}";
  private static OperatorFixture f;

  @BeforeAll
  static void start() {
    f = OperatorFixture.start(c -> c);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void anInvalidSpecIsReportedWithTheFieldAndTheLastGoodAssignmentStays() {
    setUp("ns-inv", "lab-inv");
    RescueDrive drive = Fixtures.driveBySerial("ns-inv", "stick", "INV1", "rescue-set");
    drive.getSpec().entries = new io.rescuefleet.api.v1alpha1.EntrySelection();
    drive.getSpec().entries.names.add("image-0");
    f.create(drive);
    try (StationClient lab = f.station("lab-inv", "tok-lab-inv")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("INV1", "1-1", "i")));
      Assignments good = awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      String digest = good.assignments().get(0).assignment().contentDigest();

      edit("ns-inv", "stick", d -> {
        d.getSpec().entries.names.set(0, "no-such-image");
        return d;
      });
      awaitStatus("ns-inv", "stick", s -> {
        assertThat(condition(s, "Valid")).satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("InvalidSpec");
          assertThat(c.getMessage()).contains("spec.entries.names[0]").contains("no-such-image");
        });
        assertThat(condition(s, "Ready").getReason()).isEqualTo("InvalidSpec");
        assertThat(s.observedGeneration).isEqualTo(2);
      });
      awaitEvent("ns-inv", "stick", "Warning", "InvalidSpec", "spec.entries.names[0]");
      Assignments kept = lab.assignmentsOk();
      assertThat(kept.assignments()).singleElement()
          .satisfies(w -> assertThat(w.assignment().contentDigest()).isEqualTo(digest));

      edit("ns-inv", "stick", d -> {
        d.getSpec().entries.names.set(0, "image-1");
        return d;
      });
      awaitStatus("ns-inv", "stick", s -> assertThat(condition(s, "Valid").getStatus()).isEqualTo("True"));
      awaitEvent("ns-inv", "stick", "Normal", "SpecValid", "");
      awaitAssignments(lab, a -> assertThat(a.assignments()).singleElement()
          .satisfies(w -> assertThat(w.assignment().files()).singleElement()
              .satisfies(file -> assertThat(file.name()).isEqualTo("image-1"))));

      f.client.resource(f.drive("ns-inv", "stick")).delete();
      awaitAssignments(lab, a -> assertThat(a.assignments()).isEmpty());
    }
  }

  @Test
  void aCatalogChangeReachesEveryDriveUsingItAndTheCatalogCountsThem() {
    setUp("ns-cat", "lab-cat");
    for (String name : List.of("a", "b", "c")) {
      f.create(Fixtures.driveBySerial("ns-cat", name, "CAT-" + name, "rescue-set"));
    }
    f.create(Fixtures.driveBySerial("ns-cat", "other", "CAT-o", "another-set"));
    awaitCatalog("ns-cat", s -> {
      assertThat(s.driveCount).isEqualTo(3);
      assertThat(s.usedBy).containsExactly("a", "b", "c");
      assertThat(s.entryCount).isEqualTo(2);
      assertThat(s.totalBytes).isEqualTo(3_000_000L);
      assertThat(condition(s.conditions, "Valid").getStatus()).isEqualTo("True");
    });
    awaitStatus("ns-cat", "other", s -> assertThat(condition(s, "Valid").getReason()).isEqualTo("ReferenceNotFound"));

    IsoCatalog catalog = f.client.resources(IsoCatalog.class).inNamespace("ns-cat").withName("rescue-set").get();
    catalog.getSpec().entries.add(Fixtures.catalog("x", "y", 3).getSpec().entries.get(2));
    f.client.resource(catalog).update();
    for (String name : List.of("a", "b", "c")) {
      awaitStatus("ns-cat", name, s -> assertThat(s.entriesSynced).isEqualTo("0/3"));
    }
    awaitCatalog("ns-cat", s -> assertThat(s.entryCount).isEqualTo(3));

    f.client.resource(f.drive("ns-cat", "b")).delete();
    awaitCatalog("ns-cat", s -> assertThat(s.usedBy).containsExactly("a", "c"));

    catalog = f.client.resources(IsoCatalog.class).inNamespace("ns-cat").withName("rescue-set").get();
    catalog.getSpec().entries.get(0).sha256 = "NOT-HEX";
    f.client.resource(catalog).update();
    awaitCatalog("ns-cat", s -> assertThat(condition(s.conditions, "Valid").getMessage()).contains("spec.entries[0].sha256"));
    awaitEvent("ns-cat", "rescue-set", "Warning", "InvalidSpec", "spec.entries[0].sha256");
    awaitStatus("ns-cat", "a", s -> assertThat(condition(s, "Valid").getMessage()).contains("spec.entries[0].sha256"));
  }

  @Test
  void aPolicyChangeReachesItsDrivesAndStations() {
    setUp("ns-pol", "lab-pol");
    f.create(Fixtures.policy("ns-pol", "default"));
    f.create(Fixtures.driveBySerial("ns-pol", "stick", "POL1", "rescue-set"));
    try (StationClient lab = f.station("lab-pol", "tok-lab-pol")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("POL1", "1-1", "i")));
      awaitAssignments(lab, a -> assertThat(a.assignments()).singleElement()
          .satisfies(w -> assertThat(w.assignment().policy().throughputIntervalSeconds()).isEqualTo(1.0)));
      await().atMost(WAIT).untilAsserted(() -> assertThat(
          f.client.resources(FleetPolicy.class).inNamespace("ns-pol").withName("default").get().getStatus().driveCount)
          .isEqualTo(1));
      f.client.resources(FleetPolicy.class).inNamespace("ns-pol").withName("default").edit(p -> {
        p.getSpec().sampling.throughputIntervalSeconds = 5.0;
        return p;
      });
      awaitAssignments(lab, a -> assertThat(a.assignments()).singleElement()
          .satisfies(w -> assertThat(w.assignment().policy().throughputIntervalSeconds()).isEqualTo(5.0)));
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(lab.heartbeatOk(Wire.heartbeat(Wire.stick("POL1", "1-1", "i"))).throughputIntervalSeconds()).isEqualTo(5.0));
    }
  }

  @Test
  void aClaimBindsTheStickInThePortAndAnExplicitSerialWins() {
    setUp("ns-claim", "lab-claim");
    f.create(Fixtures.driveByClaim("ns-claim", "slot-2", "lab-claim", "1-2", "rescue-set"));
    f.create(Fixtures.driveByClaim("ns-claim", "slot-9", "no-such-station", "1-2", "rescue-set"));
    try (StationClient lab = f.station("lab-claim", "tok-lab-claim")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("CLM1", "1-2", "i")));
      awaitStatus("ns-claim", "slot-2", s -> {
        assertThat(s.boundSerial).isEqualTo("CLM1");
        assertThat(s.station).isEqualTo("lab-claim");
        assertThat(s.port).isEqualTo("1-2");
        assertThat(condition(s, "Bound").getReason()).isEqualTo("BoundByClaim");
      });
      awaitStatus("ns-claim", "slot-9", s -> assertThat(condition(s, "Bound").getReason()).isEqualTo("StationNotFound"));
      await().atMost(WAIT).untilAsserted(() -> {
        var station = f.client.resources(ImagingStation.class).withName("lab-claim").get().getStatus();
        assertThat(station.ports).anySatisfy(p -> {
          assertThat(p.path).isEqualTo("1-2");
          assertThat(p.serial).isEqualTo("CLM1");
          assertThat(p.drive).isEqualTo("ns-claim/slot-2");
          assertThat(p.label).isEqualTo("slot 1-2");
        });
      });

      f.create(Fixtures.driveBySerial("ns-claim", "owner", "CLM1", "rescue-set"));
      awaitStatus("ns-claim", "owner", s -> assertThat(condition(s, "Bound").getReason()).isEqualTo("BoundBySerial"));
      awaitStatus("ns-claim", "slot-2", s -> {
        assertThat(condition(s, "Bound").getReason()).isEqualTo("Conflict");
        assertThat(condition(s, "Bound").getMessage()).contains("ns-claim/owner");
      });
      awaitEvent("ns-claim", "slot-2", "Warning", "BindingConflict", "ns-claim/owner");
      awaitAssignments(lab, a -> assertThat(a.assignments()).singleElement()
          .satisfies(w -> assertThat(w.assignment().driveKey()).isEqualTo("ns-claim/owner")));
    }
  }

  @Test
  void theStickIdentityAHeartbeatCarriesIsShownAndKeepsAClaimOffAnotherDrivesStick() {
    setUp("ns-id", "lab-id");
    f.create(Fixtures.driveBySerial("ns-id", "owner", "ID-ELSEWHERE", "rescue-set"));
    f.create(Fixtures.driveByClaim("ns-id", "slot-1", "lab-id", "1-1", "rescue-set"));
    try (StationClient lab = f.station("lab-id", "tok-lab-id")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("ID1", "1-1", "i")));
      awaitStatus("ns-id", "slot-1", s -> assertThat(condition(s, "Bound").getReason()).isEqualTo("BoundByClaim"));

      // Same insertion: the station has now read the stick's manifest, which another drive wrote.
      lab.heartbeatOk(Wire.heartbeat(new StickInfo("ID1", "1-1", "Kingston", "DataTraveler", 32_000_000_000L,
          "9b1f3c2e-uuid-of-the-content", "ns-id/owner", "i")));
      awaitStatus("ns-id", "slot-1", s -> {
        assertThat(condition(s, "Bound").getReason()).isEqualTo("Conflict");
        assertThat(condition(s, "Bound").getMessage()).contains("carries the manifest of RescueDrive ns-id/owner");
      });
      awaitStation("lab-id", s -> assertThat(s.ports).anySatisfy(p -> {
        assertThat(p.path).isEqualTo("1-1");
        assertThat(p.driveUuid).isEqualTo("9b1f3c2e-uuid-of-the-content");
      }));
      assertThat(f.operator.fleet().snapshot().stations()).filteredOn(st -> st.name().equals("lab-id")).singleElement()
          .satisfies(st -> assertThat(st.ports()).filteredOn(p -> "1-1".equals(p.port())).singleElement()
              .satisfies(p -> assertThat(p.driveUuid()).isEqualTo("9b1f3c2e-uuid-of-the-content")));
    }
  }

  @Test
  void anAlertQuarantinesUntilAcknowledgedAndANewAlertQuarantinesAgain() throws Exception {
    setUp("ns-q", "lab-q");
    FleetPolicy policy = Fixtures.policy("ns-q", "default");
    policy.getSpec().alerts.minWriteMBps = 20.0;
    policy.getSpec().alerts.throughputWindowSeconds = 4.0;
    policy.getSpec().alerts.quarantine = true;
    f.create(policy);
    f.create(Fixtures.driveBySerial("ns-q", "stick", "Q1", "rescue-set"));
    try (StationClient lab = f.station("lab-q", "tok-lab-q")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("Q1", "1-1", "i")));
      String digest = awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1)).assignments().get(0).assignment()
          .contentDigest();
      // The gauges count the whole fleet of this shared operator: judge by the change this drive makes.
      double slowBefore = metric(SLOW_WRITE_FIRING);
      double quarantinedBefore = metric(QUARANTINED_DRIVES);
      double inQuarantinePhaseBefore = metric(DRIVES_QUARANTINED_PHASE);
      double degradedBefore = metric(DRIVES_DEGRADED_PHASE);
      Instant t = Instant.now();
      List<ThroughputSample> slow = List.of(write(t, 0, 5), write(t, 1000, 5), write(t, 2000, 5));
      lab.reportsOk(Wire.batch("q-1", Wire.report("ns-q/stick", "Q1", "1-1", "i", 1, DrivePhase.Ready, null, slow, null,
          new Outcome(true, 15_000_000, false, false, digest, null, null), 15_000_000)));
      awaitStatus("ns-q", "stick", s -> {
        assertThat(condition(s, "SlowWrite").getStatus()).isEqualTo("True");
        assertThat(condition(s, "Quarantined").getStatus()).isEqualTo("True");
        assertThat(s.phase).isEqualTo(DrivePhase.Quarantined);
      });
      awaitEvent("ns-q", "stick", "Warning", "SlowWrite", "below the minimum");
      awaitEvent("ns-q", "stick", "Warning", "Quarantined", ApiConstants.ACKNOWLEDGE_ANNOTATION);
      awaitAssignments(lab, a -> assertThat(a.assignments().get(0).writesAllowed()).isFalse());
      assertThat(f.operator.fleet().snapshot().drives()).anySatisfy(d -> {
        assertThat(d.key()).isEqualTo("ns-q/stick");
        assertThat(d.quarantined()).isTrue();
        assertThat(d.alerts()).contains(io.rescuefleet.operator.policy.AlertKind.SlowWrite);
      });
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(metric(SLOW_WRITE_FIRING)).isEqualTo(slowBefore + 1);
        assertThat(metric(QUARANTINED_DRIVES)).isEqualTo(quarantinedBefore + 1);
        assertThat(metric(DRIVES_QUARANTINED_PHASE)).isEqualTo(inQuarantinePhaseBefore + 1);
      });
      // The three 5 MB/s samples that raised the alert, in lab-q's write histogram (no per-drive label).
      assertThat(metric("rescuefleet_write_throughput_mbps_count{station=\"lab-q\"}")).isEqualTo(3);
      assertThat(metric("rescuefleet_write_throughput_mbps_bucket{station=\"lab-q\",le=\"5.0\"}")).isEqualTo(3);
      assertThat(metric("rescuefleet_write_throughput_mbps_bucket{station=\"lab-q\",le=\"2.0\"}")).isZero();

      Thread.sleep(1100);
      String ackAt = Timestamps.format(Instant.now());
      edit("ns-q", "stick", d -> {
        d.getMetadata().getAnnotations().put(ApiConstants.ACKNOWLEDGE_ANNOTATION, ackAt);
        return d;
      });
      awaitStatus("ns-q", "stick", s -> {
        assertThat(condition(s, "Quarantined").getReason()).isEqualTo("Acknowledged");
        assertThat(condition(s, "SlowWrite").getStatus()).isEqualTo("True");
        assertThat(s.phase).isEqualTo(DrivePhase.Degraded);
      });
      awaitEvent("ns-q", "stick", "Normal", "QuarantineReleased", "");
      // Acknowledged: out of quarantine, the alert itself still firing.
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(metric(QUARANTINED_DRIVES)).isEqualTo(quarantinedBefore);
        assertThat(metric(DRIVES_QUARANTINED_PHASE)).isEqualTo(inQuarantinePhaseBefore);
        assertThat(metric(DRIVES_DEGRADED_PHASE)).isEqualTo(degradedBefore + 1);
        assertThat(metric(SLOW_WRITE_FIRING)).isEqualTo(slowBefore + 1);
      });
      awaitAssignments(lab, a -> assertThat(a.assignments().get(0).writesAllowed()).isTrue());

      Thread.sleep(1100);
      lab.reportsOk(Wire.batch("q-2", Wire.report("ns-q/stick", "Q1", "1-1", "i", 2, DrivePhase.Ready, null, List.of(),
          new VerifyResult(VerifyMode.Sampled, 2, 1000, 2, 50, Instant.now().toString()), null, 15_000_000)));
      awaitStatus("ns-q", "stick", s -> {
        assertThat(condition(s, "VerifyMismatch").getStatus()).isEqualTo("True");
        assertThat(condition(s, "Quarantined").getStatus()).isEqualTo("True");
        assertThat(condition(s, "Quarantined").getMessage()).contains("VerifyMismatch").doesNotContain("SlowWrite since");
        assertThat(s.phase).isEqualTo(DrivePhase.Quarantined);
      });

      edit("ns-q", "stick", d -> {
        d.getMetadata().getAnnotations().put(ApiConstants.ACKNOWLEDGE_ANNOTATION, "next tuesday");
        return d;
      });
      awaitStatus("ns-q", "stick", s -> assertThat(condition(s, "Quarantined").getMessage())
          .contains(ApiConstants.ACKNOWLEDGE_ANNOTATION).contains("next tuesday"));

      // The first acknowledgement again (it covers SlowWrite), then the next verification passes: the
      // VerifyMismatch alert clears, but the quarantine it started holds until acknowledged.
      edit("ns-q", "stick", d -> {
        d.getMetadata().getAnnotations().put(ApiConstants.ACKNOWLEDGE_ANNOTATION, ackAt);
        return d;
      });
      awaitStatus("ns-q", "stick", s -> assertThat(condition(s, "Quarantined").getMessage()).contains("VerifyMismatch since"));
      lab.reportsOk(Wire.batch("q-3", Wire.report("ns-q/stick", "Q1", "1-1", "i", 3, DrivePhase.Ready, null, List.of(),
          new VerifyResult(VerifyMode.Full, 2, 1000, 0, 50, Instant.now().toString()), null, 15_000_000)));
      awaitStatus("ns-q", "stick", s -> {
        assertThat(condition(s, "VerifyMismatch").getStatus()).isEqualTo("False");
        assertThat(condition(s, "Quarantined").getStatus()).isEqualTo("True");
        assertThat(condition(s, "Quarantined").getReason()).isEqualTo("AwaitingAcknowledgement");
        assertThat(s.phase).isEqualTo(DrivePhase.Quarantined);
      });
      awaitAssignments(lab, a -> assertThat(a.assignments().get(0).writesAllowed()).isFalse());
      Thread.sleep(1100);
      String secondAck = Timestamps.format(Instant.now());
      edit("ns-q", "stick", d -> {
        d.getMetadata().getAnnotations().put(ApiConstants.ACKNOWLEDGE_ANNOTATION, secondAck);
        return d;
      });
      awaitStatus("ns-q", "stick", s -> {
        assertThat(condition(s, "Quarantined").getStatus()).isEqualTo("False");
        assertThat(s.phase).isEqualTo(DrivePhase.Degraded);
      });
      awaitAssignments(lab, a -> assertThat(a.assignments().get(0).writesAllowed()).isTrue());
    }
  }

  @Test
  void aStationWhoseHeartbeatsStopGoesOfflineAndItsSticksAbsent() {
    setUp("ns-live", "lab-live");
    FleetPolicy policy = Fixtures.policy("ns-live", "default");
    policy.getSpec().alerts.stationHeartbeatTimeoutSeconds = 2.0;
    f.create(policy);
    f.create(Fixtures.driveBySerial("ns-live", "stick", "LIVE1", "rescue-set"));
    try (StationClient lab = f.station("lab-live", "tok-lab-live")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("LIVE1", "1-1", "i")));
      awaitStatus("ns-live", "stick", s -> assertThat(s.phase).isEqualTo(DrivePhase.Reconciling));
      // The station's timeout comes from its drives' policy; refresh so the station reconcile sees it.
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("LIVE1", "1-1", "i")));
      awaitStation("lab-live", s -> assertThat(s.online).isTrue());
      awaitStation("lab-live", s -> {
        assertThat(s.online).isFalse();
        assertThat(condition(s.conditions, "Online").getReason()).isEqualTo("StationHeartbeatLost");
      });
      awaitEvent("default", "lab-live", "Warning", "StationHeartbeatLost", "no heartbeat since");
      awaitStatus("ns-live", "stick", s -> {
        assertThat(s.phase).isEqualTo(DrivePhase.Absent);
        assertThat(s.station).isEqualTo("lab-live");
      });
      assertThat(f.operator.metrics().registry().scrape().stream()
          .filter(m -> m.getMetadata().getName().equals("rescuefleet_station_up")).findFirst().orElseThrow()
          .getDataPoints().stream().anyMatch(p -> p.getLabels().get("station").equals("lab-live")
              && ((io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot) p).getValue() == 0)).isTrue();

      lab.heartbeatOk(Wire.heartbeat(Wire.stick("LIVE1", "1-1", "i")));
      awaitStation("lab-live", s -> assertThat(s.online).isTrue());
      awaitEvent("default", "lab-live", "Normal", "StationOnline", "");
      awaitStatus("ns-live", "stick", s -> assertThat(s.phase).isEqualTo(DrivePhase.Reconciling));
    }
  }

  /**
   * The value of one series as {@code /metrics} exposes it in the Prometheus text format, e.g.
   * {@code rescuefleet_alerts_firing{kind="SlowWrite"}}; fails when the series is not exposed.
   */
  private static double metric(String series) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    f.operator.metrics().writeTo(out, "text/plain; version=0.0.4");
    String prefix = series + " ";
    return out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(prefix))
        .map(l -> Double.parseDouble(l.substring(prefix.length()).trim().split(" ")[0])).findFirst()
        .orElseThrow(() -> new AssertionError("no series " + series + " in /metrics"));
  }

  private static ThroughputSample write(Instant t, long millis, double mbps) {
    return new ThroughputSample(Direction.write, t.plusMillis(millis).toString(), Math.round(mbps * 1_000_000), 1.0);
  }

  private static void setUp(String namespace, String station) {
    f.create(Fixtures.catalog(namespace, "rescue-set", 2));
    f.create(Fixtures.tokenSecret(station + "-token", "tok-" + station));
    f.create(Fixtures.station(station, station + "-token", "1-1", "1-2"));
  }

  private static void edit(String namespace, String name, UnaryOperator<RescueDrive> change) {
    f.client.resources(RescueDrive.class).inNamespace(namespace).withName(name).edit(d -> {
      if (d.getMetadata().getAnnotations() == null) {
        d.getMetadata().setAnnotations(new java.util.HashMap<>());
      }
      return change.apply(d);
    });
  }

  private static Assignments awaitAssignments(StationClient lab, Consumer<Assignments> check) {
    Assignments[] last = new Assignments[1];
    await().atMost(WAIT).untilAsserted(() -> {
      last[0] = lab.assignmentsOk();
      check.accept(last[0]);
    });
    return last[0];
  }

  private static void awaitStatus(String namespace, String name, Consumer<RescueDriveStatus> check) {
    await().atMost(WAIT).untilAsserted(() -> {
      RescueDriveStatus s = f.drive(namespace, name).getStatus();
      assertThat(s).isNotNull();
      check.accept(s);
    });
  }

  private static void awaitCatalog(String namespace, Consumer<io.rescuefleet.api.v1alpha1.IsoCatalogStatus> check) {
    await().atMost(WAIT).untilAsserted(() -> {
      var s = f.client.resources(IsoCatalog.class).inNamespace(namespace).withName("rescue-set").get().getStatus();
      assertThat(s).isNotNull();
      check.accept(s);
    });
  }

  private static void awaitStation(String name, Consumer<io.rescuefleet.api.v1alpha1.ImagingStationStatus> check) {
    await().atMost(WAIT).untilAsserted(() -> {
      var s = f.client.resources(ImagingStation.class).withName(name).get().getStatus();
      assertThat(s).isNotNull();
      check.accept(s);
    });
  }

  private static void awaitEvent(String namespace, String involved, String type, String reason, String messagePart) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(f.events(namespace, involved)).anySatisfy((Event e) -> {
      assertThat(e.getType()).isEqualTo(type);
      assertThat(e.getReason()).isEqualTo(reason);
      assertThat(e.getMessage()).contains(messagePart);
    }));
  }

  private static Condition condition(RescueDriveStatus s, String type) {
    return condition(s.conditions, type);
  }

  private static Condition condition(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + " in " + conditions));
  }
}
