package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.Assignments.StationAssignment;
import io.rescuefleet.api.wire.ReportAck;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.api.wire.ReportBatch.WindowsToGoState;
import io.rescuefleet.api.wire.StationApi;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.OperatorFixture;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.StationClient.Reply;
import io.rescuefleet.operator.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The station API over real HTTP against the running operator and the in-process API server:
 * authentication and authorisation, body rules, long-polled assignments, idempotent reports and
 * coalesced status writes. Each test uses its own namespace, station and serials.
 */
class StationApiComponentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
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
  void requestsWithoutTheStationsTokenGet401() {
    station("ns-auth", "lab-auth", "tok-auth");
    station("ns-auth", "lab-other", "tok-other");
    byte[] hb = WireJson.write(Wire.heartbeat());
    try (StationClient lab = f.station("lab-auth", "tok-auth")) {
      for (String authorization : new String[] {null, "Bearer wrong", "Bearer tok-other", "Basic dG9rLWF1dGg=", "Bearer "}) {
        Reply r = lab.postAs(authorization, StationApi.HEARTBEAT, hb);
        assertThat(r.status()).as("Authorization: %s", authorization).isEqualTo(401);
        assertThat(r.error().error()).doesNotContain("tok-");
      }
      assertThat(lab.postAs("Bearer tok-auth", StationApi.HEARTBEAT, hb).status()).isEqualTo(200);
    }
    try (StationClient ghost = f.station("no-such-station", "tok-auth")) {
      assertThat(ghost.heartbeat(Wire.heartbeat()).status()).isEqualTo(401);
    }
    try (StationClient impostor = f.station("lab-auth", "tok-other")) {
      assertThat(impostor.assignments(null, null).status()).isEqualTo(401);
    }
  }

  @Test
  void malformedTooLargeAndNonJsonBodiesAreRefusedNamingTheField() {
    station("ns-body", "lab-body", "tok-body");
    try (StationClient lab = f.station("lab-body", "tok-body")) {
      Reply badSize = lab.post(StationApi.HEARTBEAT, utf8("{\"sticks\":[{\"serial\":\"S1\",\"port\":\"1-1\","
          + "\"insertionId\":\"i\",\"sizeBytes\":\"huge\"}]}"), "application/json");
      assertThat(badSize.status()).isEqualTo(400);
      assertThat(badSize.error().field()).isEqualTo("sticks[0].sizeBytes");
      Reply badPhase = lab.reports(Wire.batch("b-bad", Wire.report("ns-body/x", "S1", "1-1", "i", 1, DrivePhase.Quarantined,
          null, List.of(), null, null, 0)));
      assertThat(badPhase.status()).isEqualTo(400);
      assertThat(badPhase.error().field()).isEqualTo("reports[0].phase");
      Reply notJson = lab.post(StationApi.REPORTS, utf8("batchId=1"), "application/x-www-form-urlencoded");
      assertThat(notJson.status()).isEqualTo(415);
      byte[] huge = utf8("{\"sticks\":[],\"pad\":\"" + "x".repeat(StationApi.MAX_BODY_BYTES) + "\"}");
      assertThat(lab.post(StationApi.HEARTBEAT, huge, "application/json").status()).isEqualTo(413);
      assertThat(lab.assignments(1L, 61).error().field()).isEqualTo("waitSeconds");
      assertThat(lab.assignments(null, -1).status()).isEqualTo(400);
    }
  }

  @Test
  void insertedStickGetsItsAssignmentAndLongPollsWakeOnChange() throws Exception {
    station("ns-poll", "lab-poll", "tok-poll");
    f.create(Fixtures.driveBySerial("ns-poll", "stick", "POLL1", "rescue-set"));
    try (StationClient lab = f.station("lab-poll", "tok-poll")) {
      var ack = lab.heartbeatOk(Wire.heartbeat(Wire.stick("POLL1", "1-1", "ins-1")));
      assertThat(ack.station()).isEqualTo("lab-poll");
      Assignments first = awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      StationAssignment work = first.assignments().get(0);
      assertThat(work.serial()).isEqualTo("POLL1");
      assertThat(work.port()).isEqualTo("1-1");
      assertThat(work.insertionId()).isEqualTo("ins-1");
      assertThat(work.verifyLevel()).as("never verified in full").isEqualTo(VerifyMode.Full);
      assertThat(work.writesAllowed()).isTrue();
      assertThat(work.assignment().driveKey()).isEqualTo("ns-poll/stick");
      assertThat(work.assignment().files()).hasSize(2);

      Reply unchanged = lab.assignments(first.version(), 1);
      assertThat(unchanged.status()).isEqualTo(304);

      var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> lab.assignments(first.version(), 30));
      Thread.sleep(500);
      assertThat(waiting).isNotDone();
      var catalog = f.client.resources(io.rescuefleet.api.v1alpha1.IsoCatalog.class).inNamespace("ns-poll")
          .withName("rescue-set").get();
      catalog.getSpec().entries.add(Fixtures.catalog("x", "y", 3).getSpec().entries.get(2));
      f.client.resource(catalog).update();
      Reply woke = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(woke.status()).isEqualTo(200);
      Assignments second = woke.as(Assignments.class);
      assertThat(second.version()).isGreaterThan(first.version());
      assertThat(second.assignments().get(0).assignment().files()).hasSize(3);
      assertThat(second.assignments().get(0).assignment().contentDigest()).isNotEqualTo(work.assignment().contentDigest());
    }
  }

  @Test
  void aStationReportingAnotherStationsDriveGets403AndNothingIsApplied() {
    station("ns-403", "lab-x", "tok-x");
    station("ns-403", "lab-y", "tok-y");
    f.create(Fixtures.driveBySerial("ns-403", "mine", "X1", "rescue-set"));
    f.create(Fixtures.driveBySerial("ns-403", "theirs", "Y1", "rescue-set"));
    try (StationClient x = f.station("lab-x", "tok-x"); StationClient y = f.station("lab-y", "tok-y")) {
      x.heartbeatOk(Wire.heartbeat(Wire.stick("X1", "1-1", "i")));
      y.heartbeatOk(Wire.heartbeat(Wire.stick("Y1", "1-1", "i")));
      awaitAssignments(x, a -> assertThat(a.assignments()).hasSize(1));
      awaitAssignments(y, a -> assertThat(a.assignments()).hasSize(1));
      Reply r = x.reports(Wire.batch("b-403", Wire.progress("ns-403/mine", "X1", "1-1", "i", 1, 5, 10),
          Wire.progress("ns-403/theirs", "Y1", "1-1", "i", 1, 5, 10)));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.error().field()).isEqualTo("reports[1].driveKey");
      Reply wrongStick = x.reports(Wire.batch("b-403b", Wire.progress("ns-403/mine", "Y1", "1-1", "i", 1, 5, 10)));
      assertThat(wrongStick.status()).isEqualTo(403);
      assertThat(wrongStick.error().field()).isEqualTo("reports[0].serial");
      Reply unknown = x.reports(Wire.batch("b-403c", Wire.progress("ns-403/nope", "X1", "1-1", "i", 1, 5, 10)));
      assertThat(unknown.status()).isEqualTo(403);
      // All or nothing: the first, authorised report of the refused batch was not applied either.
      ReportAck ok = x.reportsOk(Wire.batch("b-403d", Wire.progress("ns-403/mine", "X1", "1-1", "i", 1, 7, 10)));
      assertThat(ok.applied()).isEqualTo(1);
    }
  }

  @Test
  void aResentBatchIsAppliedOnce() {
    station("ns-idem", "lab-idem", "tok-idem");
    f.create(Fixtures.driveBySerial("ns-idem", "stick", "IDEM1", "rescue-set"));
    try (StationClient lab = f.station("lab-idem", "tok-idem")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("IDEM1", "1-1", "i")));
      awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      var batch = Wire.batch("drift-1", Wire.report("ns-idem/stick", "IDEM1", "1-1", "i", 1, DrivePhase.Ready, null,
          List.of(), null, new Outcome(true, 10, true, true, null, null, null), 10));
      ReportAck first = lab.reportsOk(batch);
      ReportAck again = lab.reportsOk(batch);
      assertThat(first.duplicate()).isFalse();
      assertThat(first.applied()).isEqualTo(1);
      assertThat(again.duplicate()).isTrue();
      assertThat(again.applied()).isEqualTo(1);
      // The same report in a new batch (the outbox re-packed it) is known by its sequence.
      ReportAck repacked = lab.reportsOk(new io.rescuefleet.api.wire.ReportBatch("drift-1b", batch.reports()));
      assertThat(repacked.applied()).isZero();
      awaitStatus("ns-idem", "stick", s -> {
        assertThat(s.phase).isEqualTo(DrivePhase.Ready);
        assertThat(s.driftCorrections).isEqualTo(1);
        assertThat(s.bytesWritten).isEqualTo(10);
      });
    }
  }

  @Test
  void windowsToGoAsTheStationFoundItReachesStatus() {
    station("ns-wtg", "lab-wtg", "tok-wtg");
    f.create(Fixtures.driveBySerial("ns-wtg", "stick", "WTG1", "rescue-set"));
    try (StationClient lab = f.station("lab-wtg", "tok-wtg")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("WTG1", "1-1", "i")));
      awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      String sha = "ab".repeat(32);
      WindowsToGoState stale = new WindowsToGoState("VhdFile", "wtg/old.vhd", "incomplete", "no Windows To Go marker", null,
          null, null, null, null, null, null, null);
      WindowsToGoState applied = new WindowsToGoState("Partition", "partition 3", "applied", null, "win11-wtg", sha, 2,
          "Windows 11 Pro", "Windows 11 Pro", "NotGenerated", "the image has no Windows/System32/config/BCD-Template",
          "2025-06-01T00:00:00Z");
      DriveReport done = Wire.report("ns-wtg/stick", "WTG1", "1-1", "i", 1, DrivePhase.Ready, null, List.of(), null,
          new Outcome(true, 10, false, false, null, null, null), 10);
      lab.reportsOk(Wire.batch("w-1", withWindowsToGo(done, List.of(stale, applied))));
      awaitStatus("ns-wtg", "stick", s -> {
        assertThat(s.windowsToGo).as("the marked system, not the stale VHD").isNotNull();
        assertThat(s.windowsToGo.location).isEqualTo("partition 3");
        assertThat(s.windowsToGo.imageSha256).isEqualTo(sha);
        assertThat(s.windowsToGo.imageIndex).isEqualTo(2);
        assertThat(s.windowsToGo.edition).isEqualTo("Windows 11 Pro");
        assertThat(s.windowsToGo.bootConfiguration).isEqualTo("NotGenerated");
        assertThat(s.windowsToGo.bootConfigurationReason).contains("BCD-Template");
        assertThat(s.windowsToGo.appliedAt).isEqualTo("2025-06-01T00:00:00Z");
      });
      // A progress report says nothing about Windows To Go: what was known stays.
      lab.reportsOk(Wire.batch("w-2", Wire.progress("ns-wtg/stick", "WTG1", "1-1", "i", 2, 5, 10)));
      awaitStatus("ns-wtg", "stick", s -> assertThat(s.progress.bytesDone).isEqualTo(5));
      assertThat(f.drive("ns-wtg", "stick").getStatus().windowsToGo.bootConfiguration).isEqualTo("NotGenerated");
      lab.reportsOk(Wire.batch("w-3", withWindowsToGo(Wire.report("ns-wtg/stick", "WTG1", "1-1", "i", 3, DrivePhase.Ready,
          null, List.of(), null, new Outcome(true, 0, false, false, null, null, null), 10), List.of())));
      awaitStatus("ns-wtg", "stick", s -> assertThat(s.windowsToGo).as("removed from the stick").isNull());
    }
  }

  private static DriveReport withWindowsToGo(DriveReport r, List<WindowsToGoState> windowsToGo) {
    return new DriveReport(r.driveKey(), r.serial(), r.port(), r.insertionId(), r.sequence(), r.phase(), r.time(),
        r.progress(), r.actions(), r.verify(), r.samples(), r.outcome(), r.lifetimeBytesWritten(), r.entries(), windowsToGo);
  }

  @Test
  void manyReportsCostABoundedNumberOfStatusPatches() throws Exception {
    station("ns-coal", "lab-coal", "tok-coal");
    f.create(Fixtures.driveBySerial("ns-coal", "stick", "COAL1", "rescue-set"));
    try (StationClient lab = f.station("lab-coal", "tok-coal")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("COAL1", "1-1", "i")));
      awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      awaitStatus("ns-coal", "stick", s -> assertThat(s.phase).isEqualTo(DrivePhase.Reconciling));
      lab.reportsOk(Wire.batch("c-0", Wire.progress("ns-coal/stick", "COAL1", "1-1", "i", 1, 0, 10_000)));
      awaitStatus("ns-coal", "stick", s -> assertThat(s.progress.bytesDone).isEqualTo(0));
      double before = f.operator.metrics().statusPatchCount("RescueDrive");
      long start = System.nanoTime();
      int reports = 60;
      for (int i = 1; i <= reports; i++) {
        lab.reportsOk(Wire.batch("c-" + i, Wire.progress("ns-coal/stick", "COAL1", "1-1", "i", i + 1, i * 100L, 10_000)));
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      awaitStatus("ns-coal", "stick", s -> assertThat(s.progress.bytesDone).isEqualTo(reports * 100L));
      double patches = f.operator.metrics().statusPatchCount("RescueDrive") - before;
      // At most one write per coalescing interval (1 s) while the reports came, plus the last one.
      assertThat(patches).as("status patches for %d reports in %.1fs", reports, seconds)
          .isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(Math.ceil(seconds) + 2);
    }
  }

  @Test
  void samplesFasterThanThePolicyAreDroppedAndTheVerifyScheduleMovesWithInsertions() {
    station("ns-samp", "lab-samp", "tok-samp");
    FleetPolicy policy = Fixtures.policy("ns-samp", "default");
    policy.getSpec().sampling.verify.fullEvery = 3;
    f.create(policy);
    f.create(Fixtures.driveBySerial("ns-samp", "stick", "SAMP1", "rescue-set"));
    try (StationClient lab = f.station("lab-samp", "tok-samp")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("SAMP1", "1-1", "ins-1")));
      awaitAssignments(lab, a -> assertThat(a.assignments()).singleElement()
          .satisfies(w -> assertThat(w.verifyLevel()).isEqualTo(VerifyMode.Full)));
      Instant t = Instant.now();
      List<ThroughputSample> samples = List.of(sample(t, 0), sample(t, 300), sample(t, 600), sample(t, 1000), sample(t, 2000));
      lab.reportsOk(Wire.batch("s-1", Wire.report("ns-samp/stick", "SAMP1", "1-1", "ins-1", 1, DrivePhase.Ready, null, samples,
          new VerifyResult(VerifyMode.Full, 2, 100, 0, 90, t.toString()), null, 0)));
      String metrics = scrape();
      assertThat(metrics).contains("rescuefleet_samples_dropped_total{station=\"lab-samp\"} 2.0");
      assertThat(metrics).contains("rescuefleet_write_throughput_mbps_count{station=\"lab-samp\"} 3");
      awaitStatus("ns-samp", "stick", s -> {
        assertThat(s.lastVerify.mode).isEqualTo(VerifyMode.Full);
        assertThat(s.verification.insertionsSinceFull).isZero();
        assertThat(s.lastWriteMBps).isEqualTo(30.0);
      });
      String[] expected = {"Sampled", "Sampled", "Full"};
      for (int n = 2; n <= 4; n++) {
        lab.heartbeatOk(Wire.heartbeat());
        lab.heartbeatOk(Wire.heartbeat(Wire.stick("SAMP1", "1-1", "ins-" + n)));
        String level = expected[n - 2];
        String insertion = "ins-" + n;
        awaitAssignments(lab, a -> assertThat(a.assignments()).singleElement().satisfies(w -> {
          assertThat(w.insertionId()).isEqualTo(insertion);
          assertThat(w.verifyLevel().name()).isEqualTo(level);
        }));
      }
    }
  }

  private static ThroughputSample sample(Instant t, long millis) {
    return new ThroughputSample(Direction.write, t.plusMillis(millis).toString(), 30_000_000, 1.0);
  }

  private static void station(String namespace, String name, String token) {
    if (f.client.resources(io.rescuefleet.api.v1alpha1.IsoCatalog.class).inNamespace(namespace).withName("rescue-set").get()
        == null) {
      f.create(Fixtures.catalog(namespace, "rescue-set", 2));
    }
    f.create(Fixtures.tokenSecret(name + "-token", token));
    f.create(Fixtures.station(name, name + "-token", "1-1", "1-2"));
  }

  static Assignments awaitAssignments(StationClient lab, Consumer<Assignments> check) {
    Assignments[] last = new Assignments[1];
    await().atMost(WAIT).untilAsserted(() -> {
      last[0] = lab.assignmentsOk();
      check.accept(last[0]);
    });
    return last[0];
  }

  static void awaitStatus(String namespace, String name, Consumer<RescueDriveStatus> check) {
    await().atMost(WAIT).untilAsserted(() -> {
      RescueDriveStatus s = f.drive(namespace, name).getStatus();
      assertThat(s).isNotNull();
      check.accept(s);
    });
  }

  private static String scrape() {
    try {
      var http = java.net.http.HttpClient.newHttpClient();
      var response = http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + f.operator.httpPort() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
