package io.rescuefleet.helm;

import java.util.Set;

/** The metric names the operator's /metrics exports by contract; dashboards and rules may use only these. */
final class OperatorMetrics {
  static final Set<String> NAMES = Set.of(
      "rescuefleet_drives",
      "rescuefleet_reconciles_total",
      "rescuefleet_reconcile_duration_seconds_bucket",
      "rescuefleet_reconcile_duration_seconds_sum",
      "rescuefleet_reconcile_duration_seconds_count",
      "rescuefleet_drift_detected_total",
      "rescuefleet_drift_corrected_total",
      "rescuefleet_bytes_written_total",
      "rescuefleet_write_throughput_mbps_bucket",
      "rescuefleet_write_throughput_mbps_sum",
      "rescuefleet_write_throughput_mbps_count",
      "rescuefleet_read_throughput_mbps_bucket",
      "rescuefleet_read_throughput_mbps_sum",
      "rescuefleet_read_throughput_mbps_count",
      "rescuefleet_verify_mismatches_total",
      "rescuefleet_alerts_firing",
      "rescuefleet_quarantined_drives",
      "rescuefleet_station_up",
      "rescuefleet_stations_up",
      "rescuefleet_reports_ingested_total",
      "rescuefleet_samples_dropped_total",
      "rescuefleet_status_patches_total");

  /** Kinds of rescuefleet_alerts_firing, one per FleetPolicy alert. */
  static final Set<String> ALERT_KINDS = Set.of(
      "SlowWrite", "SlowRead", "ConsecutiveFailures", "VerifyMismatch", "Wear", "StationHeartbeatLost");

  private OperatorMetrics() {}
}
