package io.rescuefleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.faults.FaultLedger;
import io.rescuefleet.faults.OperatorOutageDrill;
import io.rescuefleet.faults.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator-outage drill at a small count, one injection of each kind (an outage of 18 s, past the
 * station heartbeat timeout; an operator restart after an applied batch whose answer was lost; a
 * daemon SIGKILL mid-sync): nothing lost, nothing applied twice, every stick
 * converged.
 */
class OperatorOutageDrillTest {
  @TempDir Path work;

  @Test
  void anOutageARestartAndAKilledDaemonLoseNoReportAndApplyNoneTwice() throws Exception {
    Root.require();
    FaultLedger ledger = new FaultLedger();
    try {
      new OperatorOutageDrill(List.of(Duration.ofSeconds(18)), Duration.ofSeconds(6), 8).run(work, 3, ledger);
    } finally {
      // The daemon's log goes with the work directory; keep it next to the test reports.
      Path log = work.resolve("station.log");
      if (Files.exists(log)) {
        Files.copy(log, Path.of("target", "operator-outage-drill-station.log"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    ledger.printTable(System.out);
    assertThat(ledger.findings()).as("findings").isEmpty();
    assertThat(ledger.injected()).isEqualTo(3);
    assertThat(ledger.count(Outcome.LOST)).isZero();
    assertThat(ledger.count(Outcome.FALSE_SUCCESS)).isZero();
    assertThat(ledger.count(Outcome.NOT_RECOVERED)).isZero();
    for (String kind : new String[] {OperatorOutageDrill.OUTAGE, OperatorOutageDrill.RESTART, OperatorOutageDrill.KILL}) {
      assertThat(ledger.count(kind, Outcome.SURVIVED)).as(kind).isEqualTo(1);
    }
    String f = OperatorOutageDrill.NAME + ".";
    assertThat(ledger.figure(f + "reports_sent")).isPositive().isEqualTo(ledger.figure(f + "reports_applied"));
    assertThat(ledger.figure(f + "reports_lost")).isZero();
    assertThat(ledger.figure(f + "reports_applied_twice")).isZero();
    assertThat(ledger.figure(f + "outbox_peak_batches")).as("reports piled up during the outage").isPositive();
    assertThat(ledger.figure(f + "kills_leaving_devices")).as("the kill left devices behind, as a power cut").isEqualTo(1);
  }
}
