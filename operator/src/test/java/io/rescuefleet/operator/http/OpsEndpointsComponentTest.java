package io.rescuefleet.operator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.operator.stationapi.WireJson;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.OperatorFixture;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operations port: Prometheus metrics with the agreed names and labels, probes, and the fleet view. */
class OpsEndpointsComponentTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void metricsProbesAndFleetView() throws Exception {
    try (OperatorFixture f = OperatorFixture.start(c -> c)) {
      assertThat(get(f, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(f, "/readyz").statusCode()).isEqualTo(200);

      f.create(Fixtures.catalog("ops", "rescue-set", 1));
      var policy = Fixtures.policy("ops", "default");
      policy.getSpec().alerts.quarantine = false;
      f.create(policy);
      f.create(Fixtures.tokenSecret("lab-ops-token", "tok"));
      f.create(Fixtures.station("lab-ops", "lab-ops-token", "1-1"));
      f.create(Fixtures.driveBySerial("ops", "stick", "OPS1", "rescue-set"));
      try (StationClient lab = f.station("lab-ops", "tok")) {
        lab.heartbeatOk(Wire.heartbeat(Wire.stick("OPS1", "1-1", "i")));
        await().atMost(Duration.ofSeconds(30)).until(() -> !lab.assignmentsOk().assignments().isEmpty());
        Instant t = Instant.now();
        List<ThroughputSample> samples = List.of(sample(Direction.write, t, 0), sample(Direction.write, t, 100),
            sample(Direction.read, t, 0));
        lab.reportsOk(Wire.batch("m-1", Wire.report("ops/stick", "OPS1", "1-1", "i", 1, DrivePhase.Ready, null, samples,
            new VerifyResult(VerifyMode.Sampled, 1, 10, 1, 60, t.toString()),
            new Outcome(true, 4096, true, true, null, null, null), 4096)));
      }
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(f.drive("ops", "stick").getStatus().phase).isEqualTo(DrivePhase.Degraded));

      HttpResponse<String> metrics = get(f, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
      assertThat(metrics.body()).contains(
          "rescuefleet_drives{phase=\"Degraded\"} 1.0",
          "rescuefleet_drives{phase=\"Quarantined\"} 0.0",
          "rescuefleet_reconciles_total{kind=\"RescueDrive\",result=\"success\"}",
          "rescuefleet_reconcile_duration_seconds_bucket{kind=\"ImagingStation\",le=\"0.001\"}",
          "rescuefleet_drift_detected_total{station=\"lab-ops\"} 1.0",
          "rescuefleet_drift_corrected_total{station=\"lab-ops\"} 1.0",
          "rescuefleet_bytes_written_total{station=\"lab-ops\"} 4096.0",
          "rescuefleet_write_throughput_mbps_count{station=\"lab-ops\"} 1",
          "rescuefleet_read_throughput_mbps_count{station=\"lab-ops\"} 1",
          "rescuefleet_verify_mismatches_total{station=\"lab-ops\"} 1.0",
          "rescuefleet_alerts_firing{kind=\"VerifyMismatch\"} 1.0",
          "rescuefleet_alerts_firing{kind=\"StationHeartbeatLost\"} 0.0",
          "rescuefleet_quarantined_drives 0.0",
          "rescuefleet_station_up{station=\"lab-ops\"} 1.0",
          "rescuefleet_stations_up 1.0",
          "rescuefleet_reports_ingested_total{station=\"lab-ops\"} 1.0",
          "rescuefleet_samples_dropped_total{station=\"lab-ops\"} 1.0",
          "rescuefleet_status_patches_total{kind=\"RescueDrive\"}",
          "jvm_memory_used_bytes");
      assertThat(metrics.body()).doesNotContain("drive=\"", "tok");

      HttpResponse<String> fleet = get(f, OpsHttpServer.FLEET_PATH);
      assertThat(fleet.statusCode()).isEqualTo(200);
      JsonNode view = WireJson.MAPPER.readTree(fleet.body());
      assertThat(view.path("stations")).anySatisfy(s -> {
        assertThat(s.path("name").asText()).isEqualTo("lab-ops");
        assertThat(s.path("online").asBoolean()).isTrue();
        assertThat(s.path("ports").get(0).path("drive").asText()).isEqualTo("ops/stick");
      });
      assertThat(view.path("drives")).anySatisfy(d -> {
        assertThat(d.path("key").asText()).isEqualTo("ops/stick");
        assertThat(d.path("phase").asText()).isEqualTo("Degraded");
        assertThat(d.path("alerts").get(0).asText()).isEqualTo("VerifyMismatch");
        assertThat(d.path("driftHistory").get(0).path("corrected").asBoolean()).isTrue();
        assertThat(d.path("bytesWritten").asLong()).isEqualTo(4096);
      });
    }
  }

  private static ThroughputSample sample(Direction direction, Instant t, long millis) {
    return new ThroughputSample(direction, t.plusMillis(millis).toString(), 50_000_000, 1.0);
  }

  private static HttpResponse<String> get(OperatorFixture f, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.operator.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
