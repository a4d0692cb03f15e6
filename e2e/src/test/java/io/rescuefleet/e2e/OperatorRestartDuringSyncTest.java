package io.rescuefleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.FleetPolicySpec;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogSpec;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.demo.LoopbackFileServer;
import io.rescuefleet.demo.StickDamage;
import io.rescuefleet.faults.ReportTap;
import io.rescuefleet.faults.TrickleFileServer;
import io.rescuefleet.operator.RescueFleetOperator;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator restart during a sync loses no report and double-applies none. One stick has drift
 * corrected while the other downloads a new image from a slow mirror; once the first one's result
 * has been applied, the operator goes down before the station hears so (the answer is lost on a tap
 * between them) and comes back while the second stick still syncs. Every report the station put on
 * the wire is applied exactly once across both operator instances, the drift correction is counted
 * once, lifetime bytes are not counted twice, and both sticks end Ready.
 */
class OperatorRestartDuringSyncTest {
  private static final String NS = "restart-e2e";
  private static final String STATION = "lab-restart";
  private static final List<String> PORTS = List.of("1-4.1", "1-4.2");
  @TempDir Path work;
  private Vertx vertx;
  private LoopbackFileServer files;
  private TrickleFileServer mirror;
  private Path served;
  private LocalFleet fleet;
  private ReportTap tap;
  private LocalFleet.Station lab;

  @BeforeEach
  void startFleet() throws Exception {
    Root.require();
    vertx = Vertx.vertx();
    served = Files.createDirectories(work.resolve("served"));
    files = new LoopbackFileServer(vertx, served);
    mirror = TrickleFileServer.start(vertx, served);
    fleet = LocalFleet.start(work.resolve("fleet"), c -> c);
    tap = ReportTap.start(vertx, fleet.stationApiPort());
    lab = fleet.addStation(STATION, PORTS, null, c -> c.operatorUrl = tap.url());
    for (int i = 0; i < PORTS.size(); i++) {
      lab.hub().insertBlank(PORTS.get(i), "RESTART" + i, 128L << 20);
    }
    fleet.apply(List.of(policy(), catalog("restart-set", entry("big", 6 << 20, 11, false), entry("small", 1 << 20, 12, false)),
        drive(0, "restart-set"), drive(1, "restart-set")));
  }

  @AfterEach
  void stopFleet() throws Exception {
    if (tap != null) {
      tap.close();
    }
    if (fleet != null) {
      fleet.close();
    }
    if (files != null) {
      files.close();
    }
    if (mirror != null) {
      mirror.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anOperatorRestartDuringASyncLosesNoReportAndDoubleAppliesNone() throws Exception {
    awaitPhase(DrivePhase.Ready, 0, 1);
    List<Path> pulled = new java.util.ArrayList<>();
    for (String port : PORTS) {
      pulled.add(lab.hub().pull(port));
    }
    // The station notices a pull at its next scan; put back sooner, a stick never left.
    awaitPhase(DrivePhase.Absent, 0, 1);
    // The first stick has drift to correct; the second a new image to fetch, slowly: it still
    // syncs when the operator comes back.
    new StickDamage().damage(pulled.get(0), "iso/big.iso", "iso/small.iso", "3");
    mirror.rate(500_000);
    fleet.apply(List.of(catalog("slow-set", entry("big-2", 6 << 20, 13, true), entry("small", 1 << 20, 12, false)),
        drive(1, "slow-set")));
    var lostAnswer = tap.loseNextOutcomeAck();
    long secondStickResults = results(1);
    PORTS.forEach(this::reinsert);

    ReportBatch lost = lostAnswer.get(3, TimeUnit.MINUTES);
    String batch = lost.batchId();
    assertThat(lost.reports()).filteredOn(r -> r.outcome() != null).extracting(DriveReport::driveKey)
        .containsOnly(NS + "/stick-0");
    assertThat(results(1)).as("the second stick still syncs: no new result of it went out yet").isEqualTo(secondStickResults);
    RescueFleetOperator first = fleet.operator();
    fleet.stopOperator();
    fleet.startOperator();
    tap.unblock();

    awaitPhase(DrivePhase.Ready, 0, 1);
    await().atMost(Duration.ofMinutes(1)).until(this::outboxEmpty);
    long applied = first.metrics().reportsIngestedCount(STATION) + fleet.operator().metrics().reportsIngestedCount(STATION);
    ReportTap.Counts wire = tap.counts();
    assertThat(wire.resent()).as("the batch %s whose answer was lost went out again", batch).isPositive();
    assertThat(fleet.operator().metrics().reportsDuplicateCount(STATION)).as("recognised by the next operator").isPositive();
    assertThat(applied).as("reports applied, over both operators").isEqualTo(wire.distinctReports());
    assertThat(wire.refusedForGood()).isZero();
    for (int i = 0; i < PORTS.size(); i++) {
      String key = NS + "/" + "stick-" + i;
      List<DriveReport> sent = tap.sent().stream().map(ReportTap.Sent::report).filter(r -> key.equals(r.driveKey())).toList();
      RescueDriveStatus s = status(i);
      long corrections = i == 0 ? 1 : 0; // the first stick was damaged, the second got a new spec
      assertThat(s.driftCorrections).as("%s: drift corrections", key).isEqualTo(corrections);
      assertThat(sent.stream().filter(r -> r.outcome() != null && r.outcome().driftCorrected()).count()).isEqualTo(corrections);
      assertThat(s.bytesWritten).as("%s: lifetime bytes as the stick counts them", key)
          .isEqualTo(sent.stream().mapToLong(DriveReport::lifetimeBytesWritten).max().orElseThrow())
          .isGreaterThan(6L << 20);
      assertThat(s.entriesSynced).isEqualTo("2/2");
    }
  }

  /** Reports with a run's result the station sent for a stick so far. */
  private long results(int stick) {
    return tap.sent().stream()
        .filter(r -> r.report().driveKey().equals(NS + "/stick-" + stick) && r.report().outcome() != null).count();
  }

  private void reinsert(String port) {
    try {
      lab.hub().reinsert(port);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private boolean outboxEmpty() throws java.io.IOException {
    try (Stream<Path> list = Files.list(lab.stateDir().resolve("outbox"))) {
      return list.noneMatch(p -> p.toString().endsWith(".json"));
    }
  }

  private void awaitPhase(DrivePhase phase, int... sticks) {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
      for (int i : sticks) {
        RescueDriveStatus s = status(i);
        if (s == null || s.phase != phase) {
          return false;
        }
      }
      return true;
    });
  }

  private RescueDriveStatus status(int stick) {
    RescueDrive d = fleet.client().resources(RescueDrive.class).inNamespace(NS).withName("stick-" + stick).get();
    return d == null ? null : d.getStatus();
  }

  private static HasMetadata policy() {
    FleetPolicy p = new FleetPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("default").build());
    p.setSpec(new FleetPolicySpec());
    p.getSpec().alerts.minWriteMBps = 0.0; // the sticks are slowed down on purpose
    p.getSpec().alerts.minReadMBps = 0.0;
    p.getSpec().alerts.quarantine = false;
    return p;
  }

  private static HasMetadata catalog(String name, CatalogEntry... entries) {
    IsoCatalog c = new IsoCatalog();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    c.setSpec(new IsoCatalogSpec());
    c.getSpec().entries = List.of(entries);
    return c;
  }

  private CatalogEntry entry(String name, int size, long seed, boolean slow) throws Exception {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    Files.write(served.resolve(name + ".iso"), data);
    CatalogEntry e = new CatalogEntry();
    e.name = name;
    e.url = slow ? mirror.url(name + ".iso") : files.url(name + ".iso");
    e.sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    e.size = (long) size;
    e.path = "iso/" + (slow ? "big" : name) + ".iso";
    return e;
  }

  private static HasMetadata drive(int stick, String catalog) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("stick-" + stick).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = "RESTART" + stick;
    d.getSpec().catalogRef = new ObjectRef(catalog);
    return d;
  }
}
