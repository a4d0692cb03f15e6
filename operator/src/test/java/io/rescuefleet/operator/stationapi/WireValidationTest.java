package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.ReportBatch;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed station API bodies are refused with a 400 that names the field. */
class WireValidationTest {
  private static final String STICK = "{\"serial\":\"S1\",\"port\":\"1-2.3\",\"sizeBytes\":1,\"insertionId\":\"i1\"}";
  private static final String REPORT = "{\"driveKey\":\"ns/d\",\"serial\":\"S1\",\"port\":\"1-2.3\",\"insertionId\":\"i1\","
      + "\"sequence\":1,\"phase\":\"Ready\",\"time\":\"2025-01-01T00:00:00Z\"}";

  static Stream<Arguments> heartbeats() {
    return Stream.of(
        Arguments.of("not JSON", "{sticks:", ""),
        Arguments.of("trailing garbage", "{\"sticks\":[]} x", ""),
        Arguments.of("sticks missing", "{\"agentVersion\":\"1\"}", "sticks"),
        Arguments.of("sticks not a list", "{\"sticks\":5}", "sticks"),
        Arguments.of("size not a number", "{\"sticks\":[" + STICK.replace("\"sizeBytes\":1", "\"sizeBytes\":\"big\"") + "]}",
            "sticks[0].sizeBytes"),
        Arguments.of("negative size", "{\"sticks\":[" + STICK.replace("\"sizeBytes\":1", "\"sizeBytes\":-1") + "]}",
            "sticks[0].sizeBytes"),
        Arguments.of("serial with a space", "{\"sticks\":[" + STICK.replace("S1", "S 1") + "]}", "sticks[0].serial"),
        Arguments.of("port malformed", "{\"sticks\":[" + STICK.replace("1-2.3", "usb3") + "]}", "sticks[0].port"),
        Arguments.of("insertion id missing", "{\"sticks\":[" + STICK.replace(",\"insertionId\":\"i1\"", "") + "]}",
            "sticks[0].insertionId"),
        Arguments.of("two sticks in one port", "{\"sticks\":[" + STICK + "," + STICK.replace("S1", "S2") + "]}",
            "sticks[1].port"),
        Arguments.of("time not RFC 3339", "{\"time\":\"yesterday\",\"sticks\":[]}", "time"));
  }

  @ParameterizedTest(name = "heartbeat, {0}: field \"{2}\"")
  @MethodSource("heartbeats")
  void heartbeat(String name, String body, String field) {
    assertThatThrownBy(() -> WireValidator.heartbeat(WireJson.read(bytes(body), Heartbeat.class)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.getMessage()).isNotBlank();
        });
  }

  static Stream<Arguments> batches() {
    return Stream.of(
        Arguments.of("batch id missing", "{\"reports\":[" + REPORT + "]}", "batchId"),
        Arguments.of("no reports", "{\"batchId\":\"b\",\"reports\":[]}", "reports"),
        Arguments.of("unknown phase", batch(REPORT.replace("Ready", "Exploded")), "reports[0].phase"),
        Arguments.of("phase stations may not report", batch(REPORT.replace("Ready", "Quarantined")), "reports[0].phase"),
        Arguments.of("drive key without namespace", batch(REPORT.replace("ns/d", "d")), "reports[0].driveKey"),
        Arguments.of("sequence zero", batch(REPORT.replace("\"sequence\":1", "\"sequence\":0")), "reports[0].sequence"),
        Arguments.of("time missing", batch(REPORT.replace(",\"time\":\"2025-01-01T00:00:00Z\"", "")), "reports[0].time"),
        Arguments.of("progress beyond total", batch(REPORT.replace("}", ",\"progress\":{\"bytesDone\":5,\"bytesTotal\":4}}")),
            "reports[0].progress.bytesDone"),
        Arguments.of("sample of zero seconds", batch(REPORT.replace("}",
            ",\"samples\":[{\"direction\":\"write\",\"time\":\"2025-01-01T00:00:00Z\",\"bytes\":1,\"seconds\":0}]}")),
            "reports[0].samples[0].seconds"),
        Arguments.of("sample direction unknown", batch(REPORT.replace("}",
            ",\"samples\":[{\"direction\":\"sideways\",\"time\":\"2025-01-01T00:00:00Z\",\"bytes\":1,\"seconds\":1}]}")),
            "reports[0].samples[0].direction"),
        Arguments.of("failed outcome without reason", batch(REPORT.replace("}", ",\"outcome\":{\"converged\":false}}")),
            "reports[0].outcome.reason"),
        Arguments.of("outcome reason not CamelCase", batch(REPORT.replace("}",
            ",\"outcome\":{\"converged\":false,\"reason\":\"source failed\"}}")), "reports[0].outcome.reason"),
        Arguments.of("verification time missing", batch(REPORT.replace("}", ",\"verify\":{\"mode\":\"Full\"}}")),
            "reports[0].verify.time"),
        Arguments.of("entry state unknown", batch(REPORT.replace("}", ",\"entries\":[{\"name\":\"a\",\"state\":\"Meh\"}]}")),
            "reports[0].entries[0].state"),
        Arguments.of("second report broken", "{\"batchId\":\"b\",\"reports\":[" + REPORT + "," + REPORT.replace("S1", "") + "]}",
            "reports[1].serial"));
  }

  @ParameterizedTest(name = "report batch, {0}: field \"{2}\"")
  @MethodSource("batches")
  void reportBatch(String name, String body, String field) {
    assertThatThrownBy(() -> WireValidator.reportBatch(WireJson.read(bytes(body), ReportBatch.class)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo(field);
        });
  }

  @Test
  void wellFormedBodiesPass() {
    WireValidator.heartbeat(WireJson.read(bytes("{\"sticks\":[" + STICK + "]}"), Heartbeat.class));
    WireValidator.reportBatch(WireJson.read(bytes(batch(REPORT)), ReportBatch.class));
  }

  @Test
  void anUnknownFieldIsRefusedByName() {
    assertThatThrownBy(() -> WireJson.read(bytes("{\"sticks\":[" + STICK + "],\"futureField\":1}"), Heartbeat.class))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo("futureField");
        });
  }

  @Test
  void emptyBodyIsRefused() {
    assertThatThrownBy(() -> WireJson.read(new byte[0], Heartbeat.class)).isInstanceOf(ApiException.class)
        .hasMessageContaining("empty");
  }

  private static String batch(String report) {
    return "{\"batchId\":\"b\",\"reports\":[" + report + "]}";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
