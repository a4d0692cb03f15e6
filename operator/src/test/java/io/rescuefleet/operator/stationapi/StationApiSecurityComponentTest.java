package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.StationApi;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.OperatorFixture;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.StationClient.Reply;
import io.rescuefleet.operator.testing.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call the station API, over real HTTP: every endpoint the station API's router serves (read
 * from the router, so a new endpoint is covered or fails here) answers 401 without the station's
 * token, whatever else is wrong with the request; and a station can neither see nor report another
 * station's sticks, not even by naming their serials in its own heartbeat.
 */
class StationApiSecurityComponentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String NS = "ns-sec";
  private static OperatorFixture f;
  private static HttpClient http;

  /** A body each endpoint would accept from its station; an endpoint missing here fails the test. */
  private static final Map<String, String> VALID_BODIES = Map.of(
      "POST " + StationApi.HEARTBEAT, "{\"sticks\":[]}",
      "GET " + StationApi.ASSIGNMENTS, "",
      "POST " + StationApi.REPORTS, "{\"batchId\":\"never-applied\",\"reports\":[{\"driveKey\":\"" + NS + "/x-drive\","
          + "\"serial\":\"X1\",\"port\":\"1-1\",\"insertionId\":\"ix\",\"sequence\":1,\"phase\":\"Ready\","
          + "\"time\":\"2025-01-01T00:00:00Z\"}]}");

  @BeforeAll
  static void twoStations() {
    f = OperatorFixture.start(c -> c);
    f.create(Fixtures.catalog(NS, "rescue-set", 2));
    for (String s : List.of("lab-x", "lab-y")) {
      f.create(Fixtures.tokenSecret(s + "-token", "tok-" + s));
      f.create(Fixtures.station(s, s + "-token", "1-1", "1-2"));
    }
    f.create(Fixtures.driveBySerial(NS, "x-drive", "X1", "rescue-set"));
    f.create(Fixtures.driveBySerial(NS, "y-drive", "Y1", "rescue-set"));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void everyEndpointOfTheRouterAnswers401WithoutTheStationsToken() throws Exception {
    List<String> endpoints = f.operator.stationApiEndpoints();
    assertThat(endpoints).as("the router's endpoints").hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(e -> assertThat(e).contains(StationApi.BASE + "/:station/"));
    String tokenB64 = Base64.getEncoder().encodeToString("tok-lab-x".getBytes());
    List<String> wrong = new ArrayList<>();
    wrong.add(null);
    wrong.addAll(List.of("Bearer wrong", "Bearer tok-lab-y", "Bearer tok-lab-x2", "Bearer tok-lab", "Basic " + tokenB64,
        "Bearer ", "tok-lab-x", "Bearer " + tokenB64, "Bearer\ttok-lab-x2"));
    for (String endpoint : endpoints) {
      String method = endpoint.split(" ", 2)[0];
      String path = endpoint.split(" ", 2)[1].replace(":station", "lab-x");
      String key = method + " " + path.substring(path.lastIndexOf('/') + 1);
      assertThat(VALID_BODIES).as("a valid body for %s", endpoint).containsKey(key);
      for (String authorization : wrong) {
        HttpResponse<String> r = send(method, path, VALID_BODIES.get(key), authorization, "application/json");
        assertThat(r.statusCode()).as("%s with Authorization %s", endpoint, authorization).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(r.body()).doesNotContain("tok-");
      }
      // Authentication comes before every other check: a malformed body or the wrong type still gets 401.
      assertThat(send(method, path, "{not json", "Bearer wrong", "text/plain").statusCode()).isEqualTo(401);
      HttpResponse<String> ok = send(method, path, VALID_BODIES.get(key), "Bearer tok-lab-x", "application/json");
      assertThat(ok.statusCode()).as("%s with the right token: %s", endpoint, ok.body()).isNotEqualTo(401);
      // Another station's name with this station's token is another station.
      assertThat(send(method, path.replace("lab-x", "lab-y"), VALID_BODIES.get(key), "Bearer tok-lab-x",
          "application/json").statusCode()).isEqualTo(401);
    }
    String unknown = StationApi.BASE + "/lab-x/no-such-endpoint";
    assertThat(send("GET", unknown, "", null, null).statusCode()).as("unknown endpoints need the token too").isEqualTo(401);
    assertThat(send("GET", unknown, "", "Bearer tok-lab-x", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", StationApi.BASE + "/no-such-station/" + StationApi.ASSIGNMENTS, "", "Bearer tok-lab-x", null)
        .statusCode()).isEqualTo(401);
  }

  @Test
  void aStationNamingAnotherStationsStickCanNeitherSeeNorReportIt() {
    try (StationClient x = f.station("lab-x", "tok-lab-x"); StationClient y = f.station("lab-y", "tok-lab-y")) {
      y.heartbeatOk(Wire.heartbeat(Wire.stick("Y1", "1-1", "y-ins")));
      String yDigest = awaitAssignments(y, a -> assertThat(a.assignments()).singleElement()
          .satisfies(w -> assertThat(w.serial()).isEqualTo("Y1"))).assignments().get(0).assignment().contentDigest();
      awaitStatus("y-drive", s -> assertThat(s.station).isEqualTo("lab-y"));

      // lab-x claims to hold Y1 as well, heartbeat after heartbeat.
      for (int i = 0; i < 3; i++) {
        y.heartbeatOk(Wire.heartbeat(Wire.stick("Y1", "1-1", "y-ins")));
        x.heartbeatOk(Wire.heartbeat(Wire.stick("X1", "1-1", "x-ins"), Wire.stick("Y1", "1-2", "forged")));
      }
      Assignments seen = awaitAssignments(x, a -> assertThat(a.assignments()).extracting(w -> w.serial())
          .containsExactly("X1"));
      assertThat(seen.assignments()).noneSatisfy(w -> assertThat(w.assignment().driveKey()).isEqualTo(NS + "/y-drive"));
      assertThat(y.assignmentsOk().assignments()).singleElement()
          .satisfies(w -> assertThat(w.assignment().contentDigest()).isEqualTo(yDigest));

      RescueDriveStatus before = f.drive(NS, "y-drive").getStatus();
      Reply forged = x.reports(Wire.batch("forged-1", Wire.progress(NS + "/y-drive", "Y1", "1-2", "forged", 1, 5, 10)));
      assertThat(forged.status()).isEqualTo(403);
      assertThat(forged.error().field()).isEqualTo("reports[0].driveKey");
      Reply asY = x.reports(Wire.batch("forged-2", Wire.progress(NS + "/y-drive", "Y1", "1-1", "y-ins", 1, 5, 10)));
      assertThat(asY.status()).as("not with lab-y's insertion either").isEqualTo(403);
      RescueDriveStatus after = f.drive(NS, "y-drive").getStatus();
      assertThat(after.progress).as("nothing applied").isEqualTo(before.progress);
      assertThat(after.station).isEqualTo("lab-y");
      assertThat(f.operator.fleet().snapshot().drives()).filteredOn(d -> d.key().equals(NS + "/y-drive")).singleElement()
          .satisfies(d -> assertThat(d.progress()).isNull());

      // Once lab-y no longer holds it, a stick really moved is lab-x's.
      y.heartbeatOk(Wire.heartbeat());
      x.heartbeatOk(Wire.heartbeat(Wire.stick("X1", "1-1", "x-ins"), Wire.stick("Y1", "1-2", "moved")));
      awaitAssignments(x, a -> assertThat(a.assignments()).extracting(w -> w.serial()).containsExactlyInAnyOrder("X1", "Y1"));
      awaitAssignments(y, a -> assertThat(a.assignments()).isEmpty());
    }
  }

  private static HttpResponse<String> send(String method, String path, String body, String authorization,
      String contentType) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.operator.stationApiPort() + path))
        .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Assignments awaitAssignments(StationClient lab, java.util.function.Consumer<Assignments> check) {
    Assignments[] last = new Assignments[1];
    await().atMost(WAIT).untilAsserted(() -> {
      last[0] = lab.assignmentsOk();
      check.accept(last[0]);
    });
    return last[0];
  }

  private static void awaitStatus(String name, java.util.function.Consumer<RescueDriveStatus> check) {
    await().atMost(WAIT).untilAsserted(() -> {
      RescueDriveStatus s = f.drive(NS, name).getStatus();
      assertThat(s).isNotNull();
      check.accept(s);
    });
  }
}
