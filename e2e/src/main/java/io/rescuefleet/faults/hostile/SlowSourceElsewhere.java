package io.rescuefleet.faults.hostile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogSpec;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.e2e.LocalFleet;
import io.rescuefleet.faults.FaultLedger;
import io.rescuefleet.faults.Outcome;
import io.rescuefleet.station.testkit.TestImages;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A slow source does not stall other sticks: in connected mode (the whole fleet in this process), one
 * station holds two sticks whose catalogs differ; one catalog's source trickles. The other stick must
 * be Ready while the slow one is still fetching, and the slow one Ready once its source is through.
 * One injection, kind {@code hostile/slow-source-connected}.
 */
public final class SlowSourceElsewhere {
  static final String KIND = "hostile/slow-source-connected";
  private static final String NS = "faults";
  private static final long SLOW_BYTES = 4L << 20;
  private static final long TRICKLE = 128L << 10;

  private final Path workDir;
  private final PrintStream log;

  public SlowSourceElsewhere(Path workDir, PrintStream log) {
    this.workDir = workDir;
    this.log = log;
  }

  public void run(FaultLedger ledger) throws Exception {
    TestImages.Image slow = TestImages.write(workDir.resolve("src/slow.iso"), SLOW_BYTES, 91);
    TestImages.Image fast = TestImages.write(workDir.resolve("src/fast.iso"), 3L << 20, 92);
    try (HostileSource source = new HostileSource();
         LocalFleet fleet = LocalFleet.start(workDir.resolve("fleet"), c -> c)) {
      String slowUrl = source.put("slow.iso", Files.readAllBytes(slow.file()));
      String fastUrl = source.put("fast.iso", Files.readAllBytes(fast.file()));
      source.behave("slow.iso", new HostileSource.Behaviour(HostileSource.Mode.TRICKLE, 0, TRICKLE));
      LocalFleet.Station station = fleet.addStation("faults-lab", List.of("1-1.1", "1-1.2"), null);
      station.hub().insertBlank("1-1.1", "SLOWSTICK1", 128L << 20);
      station.hub().insertBlank("1-1.2", "FASTSTICK1", 128L << 20);
      fleet.apply(List.of(catalog("slow-set", entry("slow", slowUrl, slow)), catalog("fast-set", entry("fast", fastUrl, fast)),
          drive("slow-stick", "SLOWSTICK1", "slow-set"), drive("fast-stick", "FASTSTICK1", "fast-set")));

      long started = System.nanoTime();
      boolean fastReady = await(() -> phase(fleet, "fast-stick") == DrivePhase.Ready, Duration.ofMinutes(3));
      double fastSeconds = (System.nanoTime() - started) / 1e9;
      long slowSent = source.sent("slow.iso");
      DrivePhase slowPhase = phase(fleet, "slow-stick");
      boolean stillFetching = slowSent < SLOW_BYTES && slowPhase != DrivePhase.Ready;
      boolean slowReady = await(() -> phase(fleet, "slow-stick") == DrivePhase.Ready, Duration.ofMinutes(3));
      String detail = String.format("the fast stick Ready after %.0f s, the slow source had sent %d of %d KiB (%s), the "
          + "slow stick %s", fastSeconds, slowSent >> 10, SLOW_BYTES >> 10, slowPhase, slowReady ? "Ready later" : "never Ready");
      Outcome outcome = fastReady && stillFetching && slowReady ? Outcome.SURVIVED : Outcome.NOT_RECOVERED;
      if (!fastReady) {
        detail = "the fast stick was not Ready within 3 minutes; " + detail;
      } else if (!stillFetching) {
        detail = "the fast stick waited for the slow source: " + detail;
      }
      ledger.record(KIND, outcome, detail);
      log.printf("    %s %s: %s%n", outcome, KIND, detail);
    }
  }

  private static boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(250);
    }
    return condition.getAsBoolean();
  }

  private static DrivePhase phase(LocalFleet fleet, String name) {
    RescueDrive d = fleet.client().resources(RescueDrive.class).inNamespace(NS).withName(name).get();
    return d == null || d.getStatus() == null ? null : d.getStatus().phase;
  }

  private static CatalogEntry entry(String name, String url, TestImages.Image image) {
    CatalogEntry e = new CatalogEntry();
    e.name = name;
    e.url = url;
    e.sha256 = image.sha256();
    e.size = image.size();
    e.path = "iso/" + name + ".iso";
    return e;
  }

  private static HasMetadata catalog(String name, CatalogEntry entry) {
    IsoCatalog c = new IsoCatalog();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    c.setSpec(new IsoCatalogSpec());
    c.getSpec().entries = List.of(entry);
    return c;
  }

  private static HasMetadata drive(String name, String serial, String catalog) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = serial;
    d.getSpec().catalogRef = new ObjectRef(catalog);
    return d;
  }
}
