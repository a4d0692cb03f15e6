package io.rescuefleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.FleetPolicySpec;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogSpec;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.demo.LoopbackFileServer;
import io.rescuefleet.demo.StickDamage;
import io.rescuefleet.e2e.browser.BrowserPage;
import io.rescuefleet.e2e.browser.HeadlessChromium;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import io.vertx.core.Vertx;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's fleet-health page in Debian's headless Chromium, and its live {@code /metrics}
 * under promtool, on one running fleet: a station daemon in connected mode with three image-backed
 * sticks on real loop devices, one of them throttled by the kernel to a slow stick. The page is
 * opened before any RescueDrive exists and never reloaded; the test asserts on what its DOM shows
 * as the sticks converge, the slow one is quarantined, and a pulled, damaged, reinserted stick
 * has its drift corrected, then saves a screenshot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetHealthTest {
  private static final String NS = "it-ops";
  private static final String STATION = "lab-a";
  private static final String FRONT = NS + "/front-desk";
  private static final String FIELD = NS + "/field-kit";
  private static final String SLOW = NS + "/slow-stick";
  private static final Path SCREENSHOT = Path.of("target/fleet-health-page.png");
  private static final Path CHART = Path.of("../helm/rescuefleet").toAbsolutePath().normalize();
  private static final Duration CONVERGE = Duration.ofMinutes(3);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path work;
  private static Vertx vertx;
  private static LoopbackFileServer files;
  private static LocalFleet fleet;
  private static HeadlessChromium chromium;
  private static BrowserPage page;

  @BeforeAll
  static void startFleetAndBrowser() throws Exception {
    Root.require();
    chromium = HeadlessChromium.start(Path.of("target/chromium.log"));
    vertx = Vertx.vertx();
    files = new LoopbackFileServer(vertx, Files.createDirectories(work.resolve("served")));
    fleet = LocalFleet.start(work.resolve("fleet"), c -> c);
    LocalFleet.Station lab = fleet.addStation(STATION, List.of("1-2.1", "1-2.2", "1-2.3"), null);
    lab.hub().insertBlank("1-2.1", "PAGE0001", 192L << 20);
    lab.hub().insertBlank("1-2.2", "PAGE0002", 192L << 20);
    lab.hub().insertBlank("1-2.3", "SLOW0003", 192L << 20);
    // The kernel holds this stick's writes to 2 MB/s, a tenth of the policy's minimum.
    lab.hub().throttle("1-2.3", 2);
    page = chromium.newPage(1400, 1000);
  }

  @AfterAll
  static void stopEverything() {
    for (AutoCloseable c : new AutoCloseable[] {chromium, fleet, files, vertx == null ? null : vertx::close}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  @Order(1)
  void pageShowsTheFleetAndFollowsItLiveWithoutAReload() throws Exception {
    page.navigate(fleet.fleetPageUrl());
    FleetPageState first = awaitPage(Duration.ofSeconds(30), s -> {
      assertThat(s.loaded()).isTrue();
      assertThat(s.stations()).extracting(FleetPageState.Station::name).containsExactly(STATION);
      assertThat(s.station(STATION).ports()).hasSize(3).allSatisfy(p -> assertThat(p.stick()).isNotEqualTo("empty"));
    });
    page.evaluate("window.rescuefleetTestMarker = '" + UUID.randomUUID() + "'");
    String marker = state().marker();
    assertThat(first.drives()).as("no RescueDrive exists yet").isEmpty();
    assertThat(first.station(STATION).port("1-2.1").drive()).isEqualTo("no drive");
    assertThat(first.tiles()).containsEntry("stations", "1/1").containsEntry("alerts", "0");

    fleet.apply(fleetObjects());
    Map<String, Set<String>> phasesSeen = new HashMap<>();
    Set<Integer> slowProgressSeen = new TreeSet<>();
    FleetPageState converged = awaitPage(CONVERGE, s -> {
      s.drives().forEach(d -> phasesSeen.computeIfAbsent(d.key(), k -> new LinkedHashSet<>()).add(d.phase()));
      if (s.showsDrive(SLOW) && s.drive(SLOW).percent() != null) {
        slowProgressSeen.add(s.drive(SLOW).percent());
      }
      assertThat(s.drive(FRONT).phase()).isEqualTo("Ready");
      assertThat(s.drive(FIELD).phase()).isEqualTo("Ready");
      assertThat(s.drive(SLOW).phase()).isEqualTo("Quarantined");
    });
    assertThat(converged.marker()).as("the same document, never reloaded").isEqualTo(marker);
    // An unthrottled stick may pass its other phases between two looks at the page (it appeared on a page
    // opened before it existed); the slow one shows the page following every step.
    assertThat(phasesSeen.get(FRONT)).as("phases the page showed for " + FRONT).endsWith("Ready");
    assertThat(phasesSeen.get(SLOW)).as("phases the page showed for " + SLOW).contains("Reconciling").endsWith("Quarantined");
    assertThat(slowProgressSeen).as("progress of the slow stick while it was written")
        .anyMatch(p -> p > 0 && p < 100);

    FleetPageState.Station lab = converged.station(STATION);
    assertThat(lab.online()).isEqualTo("online");
    assertThat(lab.ports())
        .extracting(FleetPageState.Port::port, FleetPageState.Port::label, FleetPageState.Port::drive, FleetPageState.Port::phase)
        .containsExactly(
            tuple("1-2.1", "hub slot 1", FRONT, "Ready"),
            tuple("1-2.2", "hub slot 2", FIELD, "Ready"),
            tuple("1-2.3", "hub slot 3", SLOW, "Quarantined"));
    assertThat(lab.port("1-2.1").stick()).startsWith("PAGE0001").contains("image-backed stick").contains("201.3 MB");
    assertThat(lab.port("1-2.3").stick()).startsWith("SLOW0003");

    for (String key : List.of(FRONT, FIELD)) {
      FleetPageState.Drive d = converged.drive(key);
      assertThat(d.percent()).as(key).isEqualTo(100);
      assertThat(d.where()).as(key).startsWith(STATION + " hub slot");
      assertThat(d.write()).as(key).endsWith("(min 20)");
      assertThat(d.writeMBps()).as(key).isGreaterThanOrEqualTo(20);
      assertThat(d.writeBelowMinimum()).as(key).isFalse();
      assertThat(d.read()).as(key).endsWith("(min 40)");
      assertThat(d.written()).as(key).endsWith("MB");
      assertThat(d.verify()).as(key).contains("0 mismatches");
      assertThat(d.alerts()).as(key).isEqualTo("none");
      assertThat(d.quarantined()).as(key).isFalse();
    }
    FleetPageState.Drive slow = converged.drive(SLOW);
    assertThat(slow.name()).isEqualTo(SLOW + " SLOW0003");
    assertThat(slow.where()).isEqualTo(STATION + " hub slot 3 1-2.3");
    assertThat(slow.writeMBps()).isLessThan(20);
    assertThat(slow.writeBelowMinimum()).as("the slow write is marked below the minimum").isTrue();
    assertThat(slow.write()).endsWith("(min 20)");
    assertThat(slow.alerts()).contains("SlowWrite");
    assertThat(slow.quarantined()).isTrue();
    assertThat(converged.tiles()).containsEntry("Ready", "2").containsEntry("Quarantined", "1");
    assertThat(Integer.parseInt(converged.tiles().get("alerts"))).isPositive();

    LocalFleet.Station station = fleet.station(STATION);
    Path image = station.hub().pull("1-2.2");
    FleetPageState pulled = awaitPage(Duration.ofSeconds(60), s -> {
      assertThat(s.drive(FIELD).phase()).isEqualTo("Absent");
      assertThat(s.station(STATION).port("1-2.2").stick()).isEqualTo("empty");
    });
    assertThat(pulled.station(STATION).port("1-2.2").label()).as("a labelled port stays listed when empty").isEqualTo("hub slot 2");
    assertThat(pulled.marker()).isEqualTo(marker);

    List<String> damage = new StickDamage().damage(image, "iso/tool.iso", "iso/rescue.iso", "3");
    assertThat(damage).hasSize(3);
    station.hub().reinsert("1-2.2");
    FleetPageState corrected = awaitPage(CONVERGE, s -> {
      assertThat(s.drive(FIELD).phase()).isEqualTo("Ready");
      assertThat(s.drive(FIELD).drift()).isEqualTo("1");
    });
    assertThat(corrected.driftEvents()).anySatisfy(e -> assertThat(e).contains(FIELD).contains(STATION + " 1-2.2").endsWith("corrected"));
    assertThat(corrected.driftBars()).isEqualTo(60);
    assertThat(corrected.driftPerMinute()).isGreaterThanOrEqualTo(1);
    assertThat(corrected.drive(FRONT).drift()).isEqualTo("0");
    assertThat(corrected.marker()).as("the same document, never reloaded").isEqualTo(marker);
    assertThat(corrected.error()).isNull();
    assertThat(corrected.freshness()).startsWith("updated");
    Path png = page.screenshot(SCREENSHOT);
    assertThat(page.errors()).as("errors in the page").isEmpty();
    assertValidPng(png);
  }

  @Test
  @Order(2)
  void liveMetricsPassPromtoolAndCarryEverySeriesTheChartQueries() throws Exception {
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(metrics())
        .containsPattern("rescuefleet_reports_ingested_total\\{station=\"lab-a\"\\} [1-9]")
        .contains("rescuefleet_station_up{station=\"lab-a\"} 1.0"));
    String exposition = metrics();
    assertThat(exposition).containsPattern("rescuefleet_drives\\{phase=\"Ready\"\\} [1-9]")
        .containsPattern("rescuefleet_bytes_written_total\\{station=\"lab-a\"\\} [1-9]")
        .containsPattern("rescuefleet_write_throughput_mbps_count\\{station=\"lab-a\"\\} [1-9]");

    ProcessResult lint = promtoolCheckMetrics(exposition);
    assertThat(lint.exitCode()).as(lint.stdout() + lint.stderr()).isZero();
    assertThat(lint.stdout() + lint.stderr()).as("promtool's findings").isBlank();

    String dashboard = Files.readString(CHART.resolve("files/rescuefleet-dashboard.json")).replace("\\\"", "\"");
    String rules = Files.readString(CHART.resolve("templates/prometheusrule.yaml")).replace("\\\"", "\"");
    Set<String> queried = new TreeSet<>();
    queried.addAll(metricNames(dashboard));
    queried.addAll(metricNames(rules));
    assertThat(queried).as("metrics the chart's dashboard and alert rules query").hasSizeGreaterThan(10);
    assertThat(sampleNames(exposition)).as("series the live operator exports").containsAll(queried);

    Set<String> matchers = new TreeSet<>();
    matchers.addAll(labelMatchers(dashboard));
    matchers.addAll(labelMatchers(rules));
    Set<String> alertKinds = new TreeSet<>(labelValues(exposition, "rescuefleet_alerts_firing", "kind"));
    assertThat(matchers).as("label matchers of the chart").contains("rescuefleet_drives{phase=\"Failed\"}")
        .allSatisfy(m -> assertThat(exposition).as("live series for " + m).contains(m.substring(0, m.length() - 1)));
    assertThat(alertKinds).as("alert kinds the live operator exports")
        .isEqualTo(labelValues(String.join("\n", matchers), "rescuefleet_alerts_firing", "kind"));
  }

  @Test
  @Order(3)
  void promtoolFlagsABadlyNamedMetric() {
    // The check above means something only if promtool does find problems in an exposition.
    ProcessResult lint = promtoolCheckMetrics("""
        # HELP rescuefleet_copies Copies made.
        # TYPE rescuefleet_copies counter
        rescuefleet_copies 3
        """);

    assertThat(lint.exitCode()).isNotZero();
    assertThat(lint.stdout() + lint.stderr()).contains("rescuefleet_copies").contains("_total");
  }

  private static FleetPageState state() {
    return FleetPageState.of(page.evaluate(FleetPageState.SCRIPT));
  }

  /** Polls the page's DOM until {@code expectation} holds; fails with the last unmet assertion. */
  private static FleetPageState awaitPage(Duration within, Consumer<FleetPageState> expectation) {
    FleetPageState[] last = new FleetPageState[1];
    await().atMost(within).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      last[0] = state();
      expectation.accept(last[0]);
    });
    return last[0];
  }

  private static void assertValidPng(Path png) throws IOException {
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    assertThat(bytes.length).as("PNG size").isGreaterThan(30_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("decodable PNG").isNotNull();
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isGreaterThanOrEqualTo(900);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours: a rendered page, not a blank one").isGreaterThan(50);
  }

  private static String metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(fleet.metricsUrl())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** promtool's metric lint (Debian's prometheus package) on an exposition in the Prometheus text format. */
  private static ProcessResult promtoolCheckMetrics(String exposition) {
    return new ProcessRunner().runAllowingFailure(Command.of("promtool", "check", "metrics")
        .withStdin(exposition.getBytes(StandardCharsets.UTF_8)).withTimeout(Duration.ofSeconds(60)));
  }

  private static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  /** {@code metric{label="value"}} selectors with a single equality matcher. */
  private static Set<String> labelMatchers(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = Pattern.compile("\\b(rescuefleet_[a-z_]+\\{[a-z_]+=\"[A-Za-z0-9_-]+\"\\})").matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static Set<String> labelValues(String text, String metric, String label) {
    Set<String> values = new TreeSet<>();
    Matcher m = Pattern.compile(Pattern.quote(metric) + "\\{" + label + "=\"([^\"]+)\"").matcher(text);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  private static Set<String> metricNames(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\\b(rescuefleet_[a-z_]+)").matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static List<HasMetadata> fleetObjects() throws IOException {
    FleetPolicy policy = new FleetPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("default").build());
    policy.setSpec(new FleetPolicySpec());
    policy.getSpec().sampling.throughputIntervalSeconds = 0.5;
    policy.getSpec().sampling.verify.mode = VerifyMode.Quick;
    // A short window, so the slow stick's few seconds of writing are enough to judge it.
    policy.getSpec().alerts.throughputWindowSeconds = 4.0;
    policy.getSpec().alerts.quarantine = true;

    IsoCatalog catalog = new IsoCatalog();
    catalog.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("tools").build());
    catalog.setSpec(new IsoCatalogSpec());
    catalog.getSpec().entries = List.of(entry("rescue", "iso/rescue.iso", 6 << 20, 1), entry("tool", "iso/tool.iso", 3 << 20, 2));

    List<HasMetadata> objects = new ArrayList<>(List.of(policy, catalog));
    objects.add(drive("front-desk", "PAGE0001"));
    objects.add(drive("field-kit", "PAGE0002"));
    objects.add(drive("slow-stick", "SLOW0003"));
    return objects;
  }

  private static CatalogEntry entry(String name, String path, int size, long seed) throws IOException {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    Files.write(work.resolve("served").resolve(name + ".iso"), data);
    CatalogEntry e = new CatalogEntry();
    e.name = name;
    e.url = files.url(name + ".iso");
    e.sha256 = HexFormat.of().formatHex(sha256(data));
    e.size = (long) size;
    e.path = path;
    return e;
  }

  private static RescueDrive drive(String name, String serial) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = serial;
    d.getSpec().catalogRef = new ObjectRef("tools");
    return d;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
