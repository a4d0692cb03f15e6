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
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Report idempotency across an operator restart, over real HTTP against the in-process API server:
 * the next operator knows from the status which reports its predecessor counted, so a batch whose
 * answer was lost is applied once, and a report it never wrote down is not lost.
 */
class OperatorRestartComponentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String NS = "ns-restart";
  private static final String KEY = NS + "/stick";

  private InProcessApiServer server;
  private KubernetesClient client;
  private RescueFleetOperator operator;

  @BeforeEach
  void start() {
    server = InProcessApiServer.start();
    client = server.newClient();
    create(Fixtures.catalog(NS, "rescue-set", 1));
    create(Fixtures.tokenSecret("lab-r-token", "tok-r"));
    create(Fixtures.station("lab-r", "lab-r-token", "1-1"));
    create(Fixtures.driveBySerial(NS, "stick", "RST1", "rescue-set"));
    operator = startOperator();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    client.close();
    server.close();
  }

  @Test
  void aBatchResentToTheNextOperatorIsAppliedOnce() {
    ReportBatch corrected = Wire.batch("drift-1", Wire.report(KEY, "RST1", "1-1", "i1", 2, DrivePhase.Ready, null, List.of(),
        null, new Outcome(true, 10, true, true, null, null, null), 4096));
    try (StationClient lab = station()) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("RST1", "1-1", "i1")));
      StationApiComponentTest.awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      lab.reportsOk(Wire.batch("progress-1", Wire.progress(KEY, "RST1", "1-1", "i1", 1, 5, 10)));
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
      assertThat(operator.metrics().reportsDuplicateCount("lab-r")).isEqualTo(1);
      ReportAck next = lab.reportsOk(Wire.batch("drift-2", Wire.report(KEY, "RST1", "1-1", "i1", 3, DrivePhase.Ready, null,
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
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("RST1", "1-1", "i1")));
      StationApiComponentTest.awaitAssignments(lab, a -> assertThat(a.assignments()).hasSize(1));
      lab.reportsOk(Wire.batch("ready-1", Wire.report(KEY, "RST1", "1-1", "i1", 1, DrivePhase.Ready, null, List.of(), null,
          null, 1024)));
      awaitStatus(s -> assertThat(s.phase).isEqualTo(DrivePhase.Ready));
      // Same phase, so no urgent write: this one waits for the next coalescing interval.
      assertThat(lab.reportsOk(Wire.batch("drift-late", Wire.report(KEY, "RST1", "1-1", "i1", 2, DrivePhase.Ready, null,
          List.of(), null, new Outcome(true, 10, true, true, null, null, null), 2048))).applied()).isEqualTo(1);
    }
    operator.close();
    operator = null;
    RescueDriveStatus stopped = client.resources(RescueDrive.class).inNamespace(NS).withName("stick").get().getStatus();
    assertThat(stopped.driftCorrections).isEqualTo(1);
    assertThat(stopped.bytesWritten).isEqualTo(2048);
    assertThat(stopped.reportSequences).singleElement().satisfies(m -> assertThat(m.sequence).isEqualTo(2));
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
    return new StationClient(operator.stationApiPort(), "lab-r", "tok-r");
  }

  private void create(HasMetadata object) {
    client.resource(object).create();
  }

  private void awaitStatus(Consumer<RescueDriveStatus> check) {
    await().atMost(WAIT).untilAsserted(() -> {
      RescueDriveStatus s = client.resources(RescueDrive.class).inNamespace(NS).withName("stick").get().getStatus();
      assertThat(s).isNotNull();
      check.accept(s);
    });
  }
}
