package io.rescuefleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogSpec;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.demo.LoopbackFileServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station daemon in connected mode against a running operator, over real HTTP, with
 * image-backed sticks on real loop devices: sticks converge from assignments, status comes back
 * from reports, a pulled stick goes Absent and converges again when reinserted.
 */
class ConnectedStationTest {
  private static final String NS = "it-ops";
  @TempDir static Path work;
  private static LocalFleet fleet;
  private static Vertx vertx;
  private static LoopbackFileServer files;

  @BeforeAll
  static void startFleet() throws Exception {
    Root.require();
    vertx = Vertx.vertx();
    Path served = Files.createDirectories(work.resolve("served"));
    files = new LoopbackFileServer(vertx, served);
    fleet = LocalFleet.start(work.resolve("fleet"), c -> c);
    LocalFleet.Station lab = fleet.addStation("lab-a", List.of("1-2.1", "1-2.2"), null);
    lab.hub().insertBlank("1-2.1", "CONN0001", 192L << 20);
    lab.hub().insertBlank("1-2.2", "CONN0002", 192L << 20);
    fleet.apply(List.of(
        catalog(served, "tools", entry(served, "rescue", "iso/rescue.iso", 6 << 20, 1), entry(served, "tool", "iso/tool.iso", 3 << 20, 2)),
        drive("by-serial", "CONN0001", null),
        drive("by-claim", null, new RescueDriveSpec.Claim("lab-a", "1-2.2"))));
  }

  @AfterAll
  static void stopFleet() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (files != null) {
      files.close();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  @Test
  void sticksConvergeFromAssignmentsAndStatusComesFromReports() throws IOException {
    for (String name : List.of("by-serial", "by-claim")) {
      RescueDriveStatus status = awaitPhase(name, DrivePhase.Ready, Duration.ofMinutes(3));
      assertThat(status.station).isEqualTo("lab-a");
      assertThat(status.entriesSynced).isEqualTo("2/2");
      assertThat(status.bytesWritten).isGreaterThan(9L << 20);
      assertThat(status.lastWriteMBps).isPositive();
      assertThat(status.lastVerify).isNotNull();
      assertThat(status.appliedDigest).matches("[0-9a-f]{64}");
    }
    assertThat(drive("by-serial").port).isEqualTo("1-2.1");
    assertThat(drive("by-claim").boundSerial).isEqualTo("CONN0002");
    assertThat(drive("by-claim").port).isEqualTo("1-2.2");

    LocalFleet.Station lab = fleet.station("lab-a");
    lab.hub().pull("1-2.2");
    awaitPhase("by-claim", DrivePhase.Absent, Duration.ofMinutes(1));
    lab.hub().reinsert("1-2.2");
    RescueDriveStatus again = awaitPhase("by-claim", DrivePhase.Ready, Duration.ofMinutes(2));
    assertThat(again.lastSeen).isNotNull();

    await().atMost(Duration.ofSeconds(30)).until(() -> outboxIsEmpty(lab));
    assertThat(lab.daemon().reportsSent()).isPositive();
  }

  private static boolean outboxIsEmpty(LocalFleet.Station station) throws IOException {
    try (var files = Files.list(station.stateDir().resolve("outbox"))) {
      return files.noneMatch(p -> p.toString().endsWith(".json"));
    }
  }

  private static RescueDriveStatus awaitPhase(String name, DrivePhase phase, Duration within) {
    await().atMost(within).pollInterval(Duration.ofMillis(500))
        .until(() -> drive(name) != null && drive(name).phase == phase);
    return drive(name);
  }

  private static RescueDriveStatus drive(String name) {
    RescueDrive d = fleet.client().resources(RescueDrive.class).inNamespace(NS).withName(name).get();
    return d == null ? null : d.getStatus();
  }

  private static CatalogEntry entry(Path served, String name, String path, int size, long seed) throws IOException {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    Files.write(served.resolve(name + ".iso"), data);
    CatalogEntry e = new CatalogEntry();
    e.name = name;
    e.url = files.url(name + ".iso");
    e.sha256 = sha256(data);
    e.size = (long) size;
    e.path = path;
    return e;
  }

  private static HasMetadata catalog(Path served, String name, CatalogEntry... entries) {
    IsoCatalog c = new IsoCatalog();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    c.setSpec(new IsoCatalogSpec());
    c.getSpec().entries = List.of(entries);
    return c;
  }

  private static HasMetadata drive(String name, String serial, RescueDriveSpec.Claim claim) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = serial;
    d.getSpec().claim = claim;
    d.getSpec().catalogRef = new ObjectRef("tools");
    return d;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
