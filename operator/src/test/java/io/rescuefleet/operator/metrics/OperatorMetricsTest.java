package io.rescuefleet.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.operator.policy.AlertKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

  @Test
  void aKnownStationsSeriesStartAtZeroAndLeaveWithIt() throws IOException {
    OperatorMetrics metrics = new OperatorMetrics(new NoGauges());

    metrics.stationKnown("lab-a");

    assertThat(scrape(metrics)).contains(
        "rescuefleet_drift_detected_total{station=\"lab-a\"} 0.0",
        "rescuefleet_drift_corrected_total{station=\"lab-a\"} 0.0",
        "rescuefleet_bytes_written_total{station=\"lab-a\"} 0.0",
        "rescuefleet_verify_mismatches_total{station=\"lab-a\"} 0.0",
        "rescuefleet_reports_ingested_total{station=\"lab-a\"} 0.0",
        "rescuefleet_samples_dropped_total{station=\"lab-a\"} 0.0",
        "rescuefleet_write_throughput_mbps_count{station=\"lab-a\"} 0",
        "rescuefleet_read_throughput_mbps_count{station=\"lab-a\"} 0");

    metrics.drift("lab-a", true, false);
    metrics.stationKnown("lab-a");
    assertThat(scrape(metrics)).as("knowing a station again resets nothing")
        .contains("rescuefleet_drift_detected_total{station=\"lab-a\"} 1.0");

    metrics.forgetStation("lab-a");
    assertThat(scrape(metrics)).doesNotContain("station=\"lab-a\"");
  }

  private static String scrape(OperatorMetrics metrics) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writeTo(out, "text/plain");
    return out.toString(StandardCharsets.UTF_8);
  }

  /** An empty fleet. */
  private static final class NoGauges implements FleetGauges {
    @Override
    public Map<DrivePhase, Long> drivesByPhase() {
      return Map.of();
    }

    @Override
    public Map<AlertKind, Long> alertsFiring() {
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
  }
}
