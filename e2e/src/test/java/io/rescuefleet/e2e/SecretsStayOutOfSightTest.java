package io.rescuefleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogSpec;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.api.wire.StationApi;
import io.rescuefleet.demo.LoopbackFileServer;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Station tokens never show: a whole fleet (API server, operator, two station daemons, a stick
 * converging on a loop device) runs with known tokens, wrong and stale ones are tried, a token is
 * rotated; then every log line, every RescueFleet object's status, every Event, the fleet page, its
 * JSON and /metrics are searched for the tokens, in clear, in base64 and URL-encoded. slf4j-simple
 * writes to whatever System.err is when it logs, so the test tees System.err (and System.out) into
 * target/secrets-test.log for the whole run, at the levels the operator and daemon run with.
 */
class SecretsStayOutOfSightTest {
  private static final String NS = "it-ops";

  @TempDir
  Path work;

  @Test
  void tokensAppearInNoLogStatusEventOrPage() throws Exception {
    Root.require();
    assertThat(System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"))
        .as("slf4j-simple logs to System.err, which this test captures").isEqualTo("System.err");
    Path log = Path.of("target/secrets-test.log");
    PrintStream savedErr = System.err;
    PrintStream savedOut = System.out;
    OutputStream file = Files.newOutputStream(log);
    System.setErr(new PrintStream(new Tee(savedErr, file), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new Tee(savedOut, file), true, StandardCharsets.UTF_8));
    try {
      runFleetAndSearch(log);
    } finally {
      System.setErr(savedErr);
      System.setOut(savedOut);
      file.close();
    }
  }

  private void runFleetAndSearch(Path log) throws Exception {
    List<String> tokens = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    Path served = Files.createDirectories(work.resolve("served"));
    try (LoopbackFileServer files = new LoopbackFileServer(vertx, served);
         LocalFleet fleet = LocalFleet.start(work.resolve("fleet"), c -> c)) {
      LocalFleet.Station lab = fleet.addStation("lab-s", List.of("1-4.1"), null);
      LocalFleet.Station other = fleet.addStation("lab-t", List.of("1-5.1"), null);
      tokens.add(lab.token());
      tokens.add(other.token());
      lab.hub().insertBlank("1-4.1", "SECRET0001", 160L << 20);
      RescueDrive broken = (RescueDrive) drive();
      broken.getMetadata().setName("broken-stick");
      broken.getSpec().serial = "SECRET0002";
      broken.getSpec().catalogRef = new ObjectRef("no-such-set");
      fleet.apply(List.of(catalog(files, served), drive(), broken));
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .until(() -> phase(fleet) == DrivePhase.Ready);

      // Wrong tokens near the real one, another station's, and lab-s's own presented for lab-t.
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + stationApiPort(fleet);
      for (String presented : List.of(lab.token() + "x", lab.token().substring(1), other.token())) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + StationApi.path("lab-s",
            StationApi.ASSIGNMENTS))).header("Authorization", "Bearer " + presented).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        tokens.add(presented);
      }
      // A rotation: the Secret first (the daemon's old token is refused meanwhile), then the daemon's file.
      byte[] fresh = new byte[32];
      new Random(7).nextBytes(fresh);
      String rotated = Base64.getEncoder().encodeToString(fresh);
      tokens.add(rotated);
      fleet.apply(List.of(new SecretBuilder().withMetadata(new ObjectMetaBuilder()
          .withNamespace(LocalFleet.SYSTEM_NAMESPACE).withName("lab-s-token").build())
          .withStringData(Map.of("token", rotated)).build()));
      Thread.sleep(1500);
      Files.writeString(lab.tokenFile(), rotated);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.send(HttpRequest.newBuilder(
          URI.create(base + StationApi.path("lab-s", StationApi.ASSIGNMENTS))).header("Authorization", "Bearer " + rotated)
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200));
      lab.hub().pull("1-4.1");
      await().atMost(Duration.ofSeconds(60)).until(() -> phase(fleet) == DrivePhase.Absent);

      List<String> places = new ArrayList<>();
      for (Class<? extends HasMetadata> kind : List.of(RescueDrive.class, IsoCatalog.class, WtgProfile.class,
          FleetPolicy.class, ImagingStation.class)) {
        for (HasMetadata o : fleet.client().resources(kind).inAnyNamespace().list().getItems()) {
          places.add(kind.getSimpleName() + " " + o.getMetadata().getName() + " status: "
              + Serialization.asJson(((io.fabric8.kubernetes.client.CustomResource<?, ?>) o).getStatus()));
        }
      }
      List<Event> events = fleet.client().v1().events().inAnyNamespace().list().getItems();
      assertThat(events).as("the run produced Events to search").isNotEmpty();
      events.forEach(e -> places.add("Event " + e.getMetadata().getName() + ": " + Serialization.asJson(e)));
      for (String page : List.of("/", "/api/v1/fleet", "/metrics")) {
        places.add("page " + page + ": " + http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + fleet.httpPort() + page)).build(), HttpResponse.BodyHandlers.ofString()).body());
      }
      assertThat(places).hasSizeGreaterThan(8);
      // The search finds a token where it belongs: in its Secret (as the in-process server keeps it).
      String secret = Serialization.asJson(fleet.client().secrets().inNamespace(LocalFleet.SYSTEM_NAMESPACE)
          .withName("lab-t-token").get());
      assertThatThrownBy(() -> searchFor(tokens, List.of("the Secret: " + secret))).isInstanceOf(AssertionError.class);
      searchFor(tokens, places);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    System.err.flush();
    String logs = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(logs).as("the log file holds this fleet's lines").contains("station daemon started station=lab-s")
        .contains("operator started").contains("station request refused");
    searchFor(tokens, List.of("the log " + log + ": " + logs));
  }

  /** Each token in clear, base64 (as a Secret's data holds it) and URL-encoded, in none of the places. */
  private static void searchFor(List<String> tokens, List<String> places) {
    for (String token : tokens) {
      List<String> forms = List.of(token, Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)),
          URLEncoder.encode(token, StandardCharsets.UTF_8));
      for (String form : forms) {
        for (String place : places) {
          assertThat(place.contains(form)).as("a token (%s...) in %s", form.substring(0, 4),
              place.substring(0, Math.min(80, place.length()))).isFalse();
        }
      }
    }
  }

  /** Writes to both streams: the console (surefire's report) and the log file searched. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public synchronized void flush() throws java.io.IOException {
      a.flush();
      b.flush();
    }
  }

  private static int stationApiPort(LocalFleet fleet) {
    return fleet.operator().stationApiPort();
  }

  private static DrivePhase phase(LocalFleet fleet) {
    RescueDrive d = fleet.client().resources(RescueDrive.class).inNamespace(NS).withName("secret-stick").get();
    return d == null || d.getStatus() == null ? null : d.getStatus().phase;
  }

  private static HasMetadata catalog(LoopbackFileServer files, Path served) throws Exception {
    byte[] data = new byte[3 << 20];
    new Random(11).nextBytes(data);
    Files.write(served.resolve("tool.iso"), data);
    CatalogEntry e = new CatalogEntry();
    e.name = "tool";
    e.url = files.url("tool.iso");
    e.sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    e.size = (long) data.length;
    e.path = "iso/tool.iso";
    IsoCatalog c = new IsoCatalog();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("secret-set").build());
    c.setSpec(new IsoCatalogSpec());
    c.getSpec().entries = List.of(e);
    return c;
  }

  private static HasMetadata drive() {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("secret-stick").build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = "SECRET0001";
    d.getSpec().catalogRef = new ObjectRef("secret-set");
    return d;
  }
}
