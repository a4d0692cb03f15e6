package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.wire.ReportAck;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.operator.RescueFleetOperator;
import io.rescuefleet.operator.config.OperatorConfig;
import io.rescuefleet.operator.devserver.InProcessApiServer;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.Wire;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Report idempotency across an operator restart, over real HTTP against the in-process API server:
 * the next operator knows from the status which reports its predecessor counted, so a batch whose
 * answer was lost is applied once, and a report it never wrote down is not lost.
 */
class OperatorRestartComponentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static InProcessApiServer server;
  private static KubernetesClient client;
  private static int tests;

  /** Each test has its own namespace, station and stick. */
  private String ns;
  private String key;
  private String stationName;
  private String serial;
  private RescueFleetOperator operator;

  @BeforeAll
  static void startServer() {
    server = InProcessApiServer.start();
    client = server.newClient();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.close();
  }

  @BeforeEach
  void start() {
    tests++;
    ns = "ns-restart-" + tests;
    key = ns + "/stick";
    stationName = "lab-r" + tests;
    serial = "RST" + tests;
    create(Fixtures.catalog(ns, "rescue-set", 1));
    create(Fixtures.tokenSecret(stationName + "-token", "tok-r"));
    create(Fixtures.station(stationName, stationName + "-token", "1-1"));
    create(Fixtures.driveBySerial(ns, "stick", serial, "rescue-set"));
    operator = startOperator();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aBatchResentToTheNextOperatorIsAppliedOnce() {
    ReportBatch corrected = Wire.batch("drift-1", Wire.report(key, serial, "1-1", "i1", 2, DrivePhase.Ready, null, List.of(),
        null, new Outcome(true, 10, true, true, null, null, null), 4096));
    try (StationClient lab = station()) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick(serial, "1-1", "i1")));
      StationApiComponentTest.awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      lab.reportsOk(Wire.batch("progress-1", Wire.progress(key, serial, "1-1", "i1", 1, 5, 10)));
      assertThat(lab.reportsOk(corrected).applied()).isEqualTo(1);
    }
    awaitStatus(s -> {
      assertThat(s.driftCorrections).isEqualTo(1);
      assertThat(s.reportSequences).singleElement().satisfies(m -> assertThat(m.sequence).isEqualTo(2));
    });

    restart();
    try (StationClient lab = station()) {
      // The station never heard the answer and sends the batch again, to an operator that never saw it.
      ReportAck again = lab.reportsOk(corrected);
      assertThat(again.applied()).isZero();
      assertThat(again.duplicate()).isTrue();
      assertThat(operator.metrics().reportsDuplicateCount(stationName)).isEqualTo(1);
      ReportAck next = lab.reportsOk(Wire.batch("drift-2", Wire.report(key, serial, "1-1", "i1", 3, DrivePhase.Ready, null,
          List.of(), null, new Outcome(true, 10, true, true, null, null, null), 8192)));
      assertThat(next.applied()).isEqualTo(1);
    }
    awaitStatus(s -> {
      assertThat(s.driftCorrections).isEqualTo(2);
      assertThat(s.bytesWritten).isEqualTo(8192);
      assertThat(s.phase).isEqualTo(DrivePhase.Ready);
    });
  }

  @Test
  void aStoppingOperatorRecordsTheReportsItAcknowledgedBeforeItsNextCoalescedWrite() {
    operator.close();
    // Writes coalesced over a minute: only the stop itself can get the last report into the status.
    operator = RescueFleetOperator.start(client, OperatorConfig.inProcessApiServer().withCoalesceInterval(Duration.ofSeconds(60)));
    try (StationClient lab = station()) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick(serial, "1-1", "i1")));
      StationApiComponentTest.awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      lab.reportsOk(Wire.batch("ready-1", Wire.report(key, serial, "1-1", "i1", 1, DrivePhase.Ready, null, List.of(), null,
          null, 1024)));
      awaitStatus(s -> assertThat(s.phase).isEqualTo(DrivePhase.Ready));
      // Same phase, so no urgent write: this one waits for the next coalescing interval.
      assertThat(lab.reportsOk(Wire.batch("drift-late", Wire.report(key, serial, "1-1", "i1", 2, DrivePhase.Ready, null,
          List.of(), null, new Outcome(true, 10, true, true, null, null, null), 2048))).applied()).isEqualTo(1);
    }
    operator.close();
    operator = null;
    RescueDriveStatus stopped = client.resources(RescueDrive.class).inNamespace(ns).withName("stick").get().getStatus();
    assertThat(stopped.driftCorrections).isEqualTo(1);
    assertThat(stopped.bytesWritten).isEqualTo(2048);
    assertThat(stopped.reportSequences).singleElement().satisfies(m -> assertThat(m.sequence).isEqualTo(2));
  }

  @Test
  void reportsReachingTheNextOperatorBeforeTheStationHeartbeatsAgainWaitAndApplyNeverRefused() {
    try (StationClient lab = station()) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick(serial, "1-1", "i1")));
      StationApiComponentTest.awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      lab.reportsOk(Wire.batch("p-1", Wire.progress(key, serial, "1-1", "i1", 1, 5, 10)));
    }
    awaitStatus(s -> assertThat(s.reportSequences).singleElement().satisfies(m -> assertThat(m.sequence).isEqualTo(1)));
    operator.close();
    operator = null;
    // An outage of minutes, past the heartbeat timeout (60 s): the next operator finds the station offline.
    operator = RescueFleetOperator.start(client, OperatorConfig.inProcessApiServer()
        .withClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3))));
    List<Integer> answers = new ArrayList<>();
    try (StationClient lab = station()) {
      // What the station's outbox does: resend the head batch until it is answered 200 (or refused for good).
      await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
        int status = lab.reports(Wire.batch("p-2", Wire.progress(key, serial, "1-1", "i1", 2, 7, 10))).status();
        answers.add(status);
        return status != 503;
      });
      assertThat(answers).last().isEqualTo(200);
      assertThat(answers).allMatch(a -> a == 200 || a == 503);
    }
    // Applied and recorded (the progress shows again once the station is back online).
    awaitStatus(s -> {
      assertThat(s.reportSequences).singleElement().satisfies(m -> assertThat(m.sequence).isEqualTo(2));
      assertThat(s.station).isEqualTo(stationName);
    });
  }

  private void restart() {
    operator.close();
    operator = null;
    operator = startOperator();
  }

  private RescueFleetOperator startOperator() {
    return RescueFleetOperator.start(client, OperatorConfig.inProcessApiServer());
  }

  private StationClient station() {
    return new StationClient(operator.stationApiPort(), stationName, "tok-r");
  }

  private void create(HasMetadata object) {
    client.resource(object).create();
  }

  private void awaitStatus(Consumer<RescueDriveStatus> check) {
    await().atMost(WAIT).untilAsserted(() -> {
      RescueDriveStatus s = client.resources(RescueDrive.class).inNamespace(ns).withName("stick").get().getStatus();
      assertThat(s).isNotNull();
      check.accept(s);
    });
  }
}
