package io.rescuefleet.operator.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.operator.policy.AlertKind;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The operator's Prometheus metrics (client_java 1.x, which appends {@code _total} to counters).
 * Histograms are labelled by station only, never by drive, so label cardinality stays bounded by
 * the number of stations. Each operator instance has its own registry.
 */
public final class OperatorMetrics {
  /** MB/s buckets around the policy defaults (20 MB/s write, 40 MB/s read). */
  private static final double[] MBPS_BUCKETS = {1, 2, 5, 10, 15, 20, 30, 40, 60, 80, 100, 150, 200, 300, 500};
  private static final double[] SECONDS_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final ExpositionFormats formats = ExpositionFormats.init();

  private final Counter reconciles = Counter.builder().name("rescuefleet_reconciles_total")
      .help("Reconciles by kind and result (success, error).").labelNames("kind", "result").register(registry);
  private final Histogram reconcileDuration = Histogram.builder().name("rescuefleet_reconcile_duration_seconds")
      .help("Time spent in one reconcile, by kind.").labelNames("kind").classicOnly()
      .classicUpperBounds(SECONDS_BUCKETS).register(registry);
  private final Counter driftDetected = Counter.builder().name("rescuefleet_drift_detected_total")
      .help("Sticks found different from their spec, by station.").labelNames("station").register(registry);
  private final Counter driftCorrected = Counter.builder().name("rescuefleet_drift_corrected_total")
      .help("Drift corrected, by station.").labelNames("station").register(registry);
  private final Counter bytesWritten = Counter.builder().name("rescuefleet_bytes_written_total")
      .help("Bytes written to sticks, by station.").labelNames("station").register(registry);
  private final Histogram writeThroughput = Histogram.builder().name("rescuefleet_write_throughput_mbps")
      .help("Admitted write throughput samples in MB/s, by station.").labelNames("station").classicOnly()
      .classicUpperBounds(MBPS_BUCKETS).register(registry);
  private final Histogram readThroughput = Histogram.builder().name("rescuefleet_read_throughput_mbps")
      .help("Admitted read throughput samples in MB/s, by station.").labelNames("station").classicOnly()
      .classicUpperBounds(MBPS_BUCKETS).register(registry);
  private final Counter verifyMismatches = Counter.builder().name("rescuefleet_verify_mismatches_total")
      .help("Files or chunks that failed verification, by station.").labelNames("station").register(registry);
  private final Counter reportsIngested = Counter.builder().name("rescuefleet_reports_ingested_total")
      .help("Drive reports applied (duplicates excluded), by station.").labelNames("station").register(registry);
  private final Counter reportsDuplicate = Counter.builder().name("rescuefleet_reports_duplicate_total")
      .help("Drive reports recognised as applied before and not applied again (a resent or re-packed batch), by station.")
      .labelNames("station").register(registry);
  private final Counter samplesDropped = Counter.builder().name("rescuefleet_samples_dropped_total")
      .help("Throughput samples dropped for arriving faster than the policy's interval, by station.")
      .labelNames("station").register(registry);
  private final Counter statusPatches = Counter.builder().name("rescuefleet_status_patches_total")
      .help("Status patches sent to the API server, by kind.").labelNames("kind").register(registry);

  public OperatorMetrics(FleetGauges gauges) {
    GaugeWithCallback.builder().name("rescuefleet_drives").help("RescueDrives by phase.").labelNames("phase")
        .callback(cb -> {
          Map<DrivePhase, Long> counts = gauges.drivesByPhase();
          for (DrivePhase phase : DrivePhase.values()) {
            cb.call(counts.getOrDefault(phase, 0L), phase.name());
          }
        }).register(registry);
    GaugeWithCallback.builder().name("rescuefleet_alerts_firing").help("Alerts firing, by kind.").labelNames("kind")
        .callback(cb -> {
          Map<AlertKind, Long> counts = gauges.alertsFiring();
          for (AlertKind kind : AlertKind.values()) {
            cb.call(counts.getOrDefault(kind, 0L), kind.name());
          }
        }).register(registry);
    GaugeWithCallback.builder().name("rescuefleet_quarantined_drives").help("RescueDrives in quarantine.")
        .callback(cb -> cb.call(gauges.quarantinedDrives())).register(registry);
    GaugeWithCallback.builder().name("rescuefleet_station_up").help("1 while a station's heartbeats arrive in time.")
        .labelNames("station")
        .callback(cb -> gauges.stationsUp().forEach((station, up) -> cb.call(up ? 1 : 0, station))).register(registry);
    GaugeWithCallback.builder().name("rescuefleet_stations_up").help("Stations whose heartbeats arrive in time.")
        .callback(cb -> cb.call(gauges.stationsUp().values().stream().filter(Boolean::booleanValue).count()))
        .register(registry);
    JvmMetrics.builder().register(registry);
  }

  public void reconciled(String kind, boolean success, double seconds) {
    reconciles.labelValues(kind, success ? "success" : "error").inc();
    reconcileDuration.labelValues(kind).observe(seconds);
  }

  public void statusPatched(String kind) {
    statusPatches.labelValues(kind).inc();
  }

  public void reportIngested(String station) {
    reportsIngested.labelValues(station).inc();
  }

  public void reportsDuplicate(String station, int reports) {
    if (reports > 0) {
      reportsDuplicate.labelValues(station).inc(reports);
    }
  }

  /** Drive reports from {@code station} applied so far by this operator instance (tests and drills read it). */
  public long reportsIngestedCount(String station) {
    return (long) reportsIngested.labelValues(station).get();
  }

  /** Drive reports from {@code station} recognised as duplicates so far by this operator instance. */
  public long reportsDuplicateCount(String station) {
    return (long) reportsDuplicate.labelValues(station).get();
  }

  public void samples(String station, Iterable<Double> writeMBps, Iterable<Double> readMBps, int dropped) {
    for (double mbps : writeMBps) {
      writeThroughput.labelValues(station).observe(mbps);
    }
    for (double mbps : readMBps) {
      readThroughput.labelValues(station).observe(mbps);
    }
    if (dropped > 0) {
      samplesDropped.labelValues(station).inc(dropped);
    }
  }

  public void bytesWritten(String station, long bytes) {
    if (bytes > 0) {
      bytesWritten.labelValues(station).inc(bytes);
    }
  }

  public void drift(String station, boolean detected, boolean corrected) {
    if (detected) {
      driftDetected.labelValues(station).inc();
    }
    if (corrected) {
      driftCorrected.labelValues(station).inc();
    }
  }

  public void verifyMismatches(String station, int mismatches) {
    if (mismatches > 0) {
      verifyMismatches.labelValues(station).inc(mismatches);
    }
  }

  /**
   * Starts a known station's series at zero, so they exist before its first event: a counter that
   * appears only with its first increment hides that increment from {@code rate()} and
   * {@code increase()}, and panels and alerts on it would show no data instead of 0.
   */
  public void stationKnown(String station) {
    for (StatefulMetric<?, ?> metric : perStation()) {
      metric.labelValues(station);
    }
  }

  /** Drops the per-station series of a deleted station, so its label does not linger. */
  public void forgetStation(String station) {
    for (StatefulMetric<?, ?> metric : perStation()) {
      metric.remove(station);
    }
  }

  private List<StatefulMetric<?, ?>> perStation() {
    return List.of(driftDetected, driftCorrected, bytesWritten, writeThroughput, readThroughput, verifyMismatches,
        reportsIngested, reportsDuplicate, samplesDropped);
  }

  /** Writes every metric in the format {@code accept} asks for; returns the content type written. */
  public String writeTo(OutputStream out, String accept) throws IOException {
    ExpositionFormatWriter writer = formats.findWriter(accept);
    writer.write(out, registry.scrape());
    return writer.getContentType();
  }

  /** Status patches sent for one kind so far (tests and the benchmark read it). */
  public double statusPatchCount(String kind) {
    return statusPatches.labelValues(kind).get();
  }

  /** Status patches sent for every kind so far. */
  public double statusPatchCount() {
    return statusPatches.collect().getDataPoints().stream().mapToDouble(p -> p.getValue()).sum();
  }

  public PrometheusRegistry registry() {
    return registry;
  }
}
