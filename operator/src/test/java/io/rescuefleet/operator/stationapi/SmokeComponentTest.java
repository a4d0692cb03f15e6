package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.OperatorFixture;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.Wire;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeComponentTest {
  @Test
  void stickInsertedBindsAndReportsReachStatus() {
    try (OperatorFixture f = OperatorFixture.start(c -> c)) {
      f.create(Fixtures.catalog("it-ops", "rescue-set", 2));
      f.create(Fixtures.tokenSecret("lab-a-token", "s3cret"));
      f.create(Fixtures.station("lab-a", "lab-a-token", "1-2.1"));
      f.create(Fixtures.driveBySerial("it-ops", "stick-1", "SERIAL1", "rescue-set"));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(f.drive("it-ops", "stick-1").getStatus()).isNotNull()
              .satisfies(s -> assertThat(s.phase).isEqualTo(DrivePhase.Pending)));
      try (StationClient lab = f.station("lab-a", "s3cret")) {
        lab.heartbeatOk(Wire.heartbeat(Wire.stick("SERIAL1", "1-2.1", "ins-1")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(f.drive("it-ops", "stick-1").getStatus().phase).isEqualTo(DrivePhase.Reconciling));
        var assignments = lab.assignmentsOk();
        assertThat(assignments.assignments()).singleElement().satisfies(a -> {
          assertThat(a.serial()).isEqualTo("SERIAL1");
          assertThat(a.verifyLevel()).isEqualTo(VerifyMode.Full);
          assertThat(a.writesAllowed()).isTrue();
        });
        String digest = assignments.assignments().get(0).assignment().contentDigest();
        lab.reportsOk(Wire.batch("b1", Wire.report("it-ops/stick-1", "SERIAL1", "1-2.1", "ins-1", 1, DrivePhase.Ready,
            null, List.of(), null, new Outcome(true, 1000, false, false, digest, null, null), 1000)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          var s = f.drive("it-ops", "stick-1").getStatus();
          assertThat(s.phase).isEqualTo(DrivePhase.Ready);
          assertThat(s.appliedDigest).isEqualTo(digest);
          assertThat(s.conditions).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
          });
        });
      }
    }
  }
}
