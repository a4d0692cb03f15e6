package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescuefleet.api.wire.ApiError;
import io.rescuefleet.api.wire.StationApi;
import io.rescuefleet.operator.fleet.FleetSnapshot;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.OperatorFixture;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The station API corpus ({@code src/test/resources/bad-input/station-api}, see its README) over real
 * HTTP against a running operator whose station holds a bound drive: every case gets its status and
 * names its field, and changes nothing. A well-formed body, sent last, does change the drive, so the
 * harness would see a change if a bad body had made one.
 */
class StationApiCorpusComponentTest {
  private static final Path CORPUS = Path.of("src/test/resources/bad-input/station-api");
  private static final String STATION = "api-lab";
  private static final String TOKEN = "tok-api-lab";
  private static final String DRIVE = "ns-api/stick";
  private static final AtomicLong FRESH = new AtomicLong(100);
  private static OperatorFixture f;
  private static HttpClient http;

  @BeforeAll
  static void aStationWithABoundDrive() {
    f = OperatorFixture.start(c -> c);
    f.create(Fixtures.catalog("ns-api", "rescue-set", 2));
    f.create(Fixtures.tokenSecret(STATION + "-token", TOKEN));
    f.create(Fixtures.station(STATION, STATION + "-token", "1-1", "1-2"));
    f.create(Fixtures.driveBySerial("ns-api", "stick", "API1", "rescue-set"));
    try (StationClient lab = f.station(STATION, TOKEN)) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("API1", "1-1", "i1")));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lab.assignmentsOk().assignments()).hasSize(1));
      lab.reportsOk(Wire.batch("b-first", Wire.progress(DRIVE, "API1", "1-1", "i1", 1, 10, 100)));
    }
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList().stream();
    }
  }

  @Test
  void theCorpusIsLarge() throws IOException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(80);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedNamingTheFieldAndChangesNothing(Path file) throws Exception {
    Case c = Case.read(file);
    String before = state();
    HttpResponse<String> response = send(c);
    assertThat(response.statusCode()).as("%s: %s", file.getFileName(), response.body()).isEqualTo(c.status());
    ApiError error = WireJson.MAPPER.readValue(response.body(), ApiError.class);
    assertThat(error.error()).isNotBlank();
    assertThat(error.error().chars()).as("the answer echoes no control characters").noneMatch(ch -> ch < 0x20);
    assertThat(error.field()).as("field of %s: %s", file.getFileName(), error.error()).isEqualTo(c.field());
    assertThat(state()).as("state after %s", file.getFileName()).isEqualTo(before);
  }

  @Test
  void aWellFormedReportChangesTheStateTheCasesCompare() throws Exception {
    String before = state();
    String body = "{\"batchId\":\"b-good\",\"reports\":[{\"driveKey\":\"" + DRIVE + "\",\"serial\":\"API1\",\"port\":\"1-1\","
        + "\"insertionId\":\"i1\",\"sequence\":" + (1_000_000 + FRESH.incrementAndGet()) + ",\"phase\":\"Reconciling\","
        + "\"time\":\"2025-01-01T00:00:00Z\",\"progress\":{\"bytesDone\":50,\"bytesTotal\":100}}]}";
    HttpResponse<String> r = send(new Case("POST", StationApi.REPORTS, "application/json", body.getBytes(StandardCharsets.UTF_8),
        false, 200, null));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(state()).isNotEqualTo(before);
  }

  /** What a request must not change: the station's heartbeat and sticks, the drive's live figures, reports ingested. */
  private static String state() throws IOException {
    FleetSnapshot s = f.operator.fleet().snapshot();
    FleetSnapshot.StationView station = s.stations().stream().filter(v -> v.name().equals(STATION)).findFirst().orElseThrow();
    FleetSnapshot.DriveView drive = s.drives().stream().filter(d -> d.key().equals(DRIVE)).findFirst().orElseThrow();
    ByteArrayOutputStream metrics = new ByteArrayOutputStream();
    f.operator.metrics().writeTo(metrics, "text/plain");
    Matcher ingested = Pattern.compile("rescuefleet_reports_ingested_total\\{station=\"" + STATION + "\"} (\\S+)")
        .matcher(metrics.toString(StandardCharsets.UTF_8));
    return String.join(" | ", String.valueOf(station.lastHeartbeat()), String.valueOf(station.agentVersion()),
        String.valueOf(station.ports()), String.valueOf(drive.progress()), String.valueOf(drive.lastSeen()),
        String.valueOf(drive.bytesWritten()), String.valueOf(drive.lastVerify()), String.valueOf(drive.driftCorrections()),
        String.valueOf(drive.lastWriteMBps()), ingested.find() ? ingested.group(1) : "none");
  }

  private static HttpResponse<String> send(Case c) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + f.operator.stationApiPort() + StationApi.path(STATION, c.endpoint()));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN);
    if (!c.contentType().isEmpty()) {
      request.header("Content-Type", c.contentType());
    }
    if (c.method().equals("GET")) {
      request.GET();
    } else if (c.chunked()) {
      // No Content-Length: the server learns the size only by reading.
      request.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body())));
    } else {
      request.POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One case file: request and expected answer. */
  private record Case(String method, String endpoint, String contentType, byte[] body, boolean chunked, int status,
      String field) {

    static Case read(Path file) throws IOException {
      byte[] all = Files.readAllBytes(file);
      int at = 0;
      String method = null;
      String endpoint = null;
      String contentType = null;
      int status = 0;
      String field = null;
      for (int line = 0; line < 3; line++) {
        int nl = indexOf(all, (byte) '\n', at);
        String header = new String(all, at, nl - at, StandardCharsets.UTF_8);
        at = nl + 1;
        String value = header.substring(header.indexOf(':') + 1).trim();
        if (header.startsWith("# endpoint:")) {
          method = value.split(" ", 2)[0];
          endpoint = value.split(" ", 2)[1];
        } else if (header.startsWith("# content-type:")) {
          contentType = value;
        } else if (header.startsWith("# expect:")) {
          status = Integer.parseInt(value.split(" ", 2)[0]);
          field = value.split(" ", 2)[1].equals("-") ? null : value.split(" ", 2)[1];
        }
      }
      assertThat(method).as("header of %s", file).isNotNull();
      byte[] body = Arrays.copyOfRange(all, at, all.length);
      String text = new String(body, StandardCharsets.ISO_8859_1);
      boolean chunked = false;
      if (text.startsWith("GENERATE ")) {
        String[] g = text.trim().split(" ");
        chunked = g[1].equals("huge-chunked");
        body = generate(g[1], Integer.parseInt(g[2]));
      } else {
        long fresh = FRESH.incrementAndGet();
        body = replace(replace(body, "SEQ", Long.toString(1_000 + fresh)), "BATCH", "corpus-" + fresh);
      }
      return new Case(method, endpoint, contentType, body, chunked, status, field);
    }

    private static byte[] generate(String kind, int n) {
      String report = "{\"driveKey\":\"" + DRIVE + "\",\"serial\":\"API1\",\"port\":\"1-1\",\"insertionId\":\"i1\","
          + "\"sequence\":" + (1_000 + FRESH.incrementAndGet()) + ",\"phase\":\"Reconciling\",\"time\":\"2025-01-01T00:00:00Z\"}";
      String text = switch (kind) {
        case "huge", "huge-chunked" -> "{\"batchId\":\"b\",\"reports\":[" + report + "],\"pad\":\"" + "x".repeat(n) + "\"}";
        case "nesting" -> "{\"sticks\":[],\"agentVersion\":" + "[".repeat(n) + "]".repeat(n) + "}";
        case "nesting-reports" -> "{\"batchId\":\"b\",\"reports\":[" + "[".repeat(n) + "]".repeat(n) + "]}";
        case "many-reports" -> "{\"batchId\":\"b-many\",\"reports\":[" + String.join(",", java.util.Collections.nCopies(n, report))
            + "]}";
        case "many-sticks" -> {
          StringBuilder sb = new StringBuilder("{\"sticks\":[");
          for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"serial\":\"M").append(i).append("\",\"port\":\"1-").append(i + 1)
                .append("\",\"sizeBytes\":1,\"insertionId\":\"m").append(i).append("\"}");
          }
          yield sb.append("]}").toString();
        }
        default -> throw new IllegalArgumentException("unknown generator " + kind);
      };
      return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replace(byte[] body, String from, String to) {
      String text = new String(body, StandardCharsets.ISO_8859_1);
      return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == b) {
          return i;
        }
      }
      return bytes.length;
    }
  }
}
