package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.binding.BindingState;
import io.rescuefleet.operator.directory.DriveDirectory;
import io.rescuefleet.operator.fleet.DriveState;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.metrics.FleetGauges;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import io.rescuefleet.operator.testing.Wire;
import io.rescuefleet.operator.trigger.ReconcileTriggers;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may report on a drive, right after an operator start: wait (503), refused (403) or applied. */
class ReportIngestorTest {
  private final FleetState fleet = new FleetState(Clock.systemUTC());
  private final Set<String> existing = new java.util.HashSet<>(Set.of("ns/known"));
  private final ReportIngestor ingestor = new ReportIngestor(fleet, directory(existing), triggers(), metrics(),
      Clock.systemUTC());

  @Test
  void aReportOnAnExistingDriveNotReconciledYetIsToBeRetriedNotRefused() {
    assertThatThrownBy(() -> ingestor.ingest("lab-a", batch("b1", "ns/known", 1)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.field()).isEqualTo("reports[0].driveKey");
        });
    assertThatThrownBy(() -> ingestor.ingest("lab-a", batch("b2", "ns/no-such-drive", 1)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void afterARestartTheStationThatHeldTheStickLastMayReportWhileItLooksOffline() {
    RescueDriveStatus status = new RescueDriveStatus();
    status.station = "lab-a";
    status.boundSerial = "S1";
    DriveState d = fleet.drive("ns/known");
    fleet.seedDrive(d, status);
    assertThat(fleet.drivesLastBoundTo("lab-a")).containsExactly("ns/known");
    // The first reconcile finds the station offline (no heartbeat since the restart): unbound.
    fleet.decided(d, EffectivePolicy.defaults(), Binding.unbound(BindingState.StickAbsent, "station offline"),
        DrivePhase.Absent, Set.of(), false);
    assertThat(ingestor.ingest("lab-a", batch("b3", "ns/known", 1)).applied()).isEqualTo(1);
    assertThatThrownBy(() -> ingestor.ingest("lab-b", batch("b4", "ns/known", 2)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    // Bound elsewhere since: the old station may not report any more.
    fleet.decided(d, EffectivePolicy.defaults(), new Binding(BindingState.BoundBySerial, "lab-b", "1-1",
        new StickInfo("S1", "1-1", null, null, 0, null, null, "i2"), ""), DrivePhase.Reconciling, Set.of(), false);
    assertThatThrownBy(() -> ingestor.ingest("lab-a", batch("b5", "ns/known", 3)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  private static ReportBatch batch(String id, String driveKey, long sequence) {
    return Wire.batch(id, Wire.progress(driveKey, "S1", "1-1", "i1", sequence, 1, 10));
  }

  private static DriveDirectory directory(Set<String> existing) {
    return new DriveDirectory() {
      @Override
      public Set<String> namingSerial(String serial) {
        return Set.of();
      }

      @Override
      public Set<String> claimingPort(String station, String port) {
        return Set.of();
      }

      @Override
      public Set<String> claimingStation(String station) {
        return Set.of();
      }

      @Override
      public boolean exists(String driveKey) {
        return existing.contains(driveKey);
      }
    };
  }

  private static ReconcileTriggers triggers() {
    return new ReconcileTriggers() {
      @Override
      public void drive(String driveKey, boolean urgent) {}

      @Override
      public void drives(Collection<String> driveKeys) {}

      @Override
      public void station(String name) {}
    };
  }

  private static OperatorMetrics metrics() {
    return new OperatorMetrics(new FleetGauges() {
      @Override
      public Map<DrivePhase, Long> drivesByPhase() {
        return Map.of();
      }

      @Override
      public Map<io.rescuefleet.operator.policy.AlertKind, Long> alertsFiring() {
        return Map.of();
      }

      @Override
      public long quarantinedDrives() {
        return 0;
      }

      @Override
      public Map<String, Boolean> stationsUp() {
        return Map.of();
      }
    });
  }
}
