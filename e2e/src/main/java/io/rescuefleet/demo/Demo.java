package io.rescuefleet.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rescuefleet.api.load.ManifestLoader;
import io.rescuefleet.api.load.ManifestSet;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.e2e.LocalFleet;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testkit.SyntheticVentoyRelease;
import io.rescuefleet.station.testkit.TestWims;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The demo: a whole fleet on this machine (in-process API server, operator, a station daemon whose
 * hub holds image-backed sticks), the example fleet applied with its images served on loopback,
 * every stick converging, then one stick pulled, damaged as a user on another PC would, reinserted,
 * and its drift corrected. {@link #close} leaves no loop device, mount or thread behind.
 */
public final class Demo implements AutoCloseable {
  /** What to run. */
  public record Options(int sticks, int isoMiB, Path examples, Path workDir, boolean terminal) {}

  /** The outcome of the scripted damage. */
  public record DriftResult(String drive, List<String> damage, long bytesWritten, long driftCorrections) {}

  static final String STATION = "lab-a";
  static final String VENTOY_VERSION = "1.1.05";
  static final long WTG_STICK_BYTES = 72L << 30; // 64 GiB reserved for Windows To Go, as the example asks
  static final long STICK_BYTES = 4L << 30;

  private final Options options;
  private final PrintStream out;
  private final Vertx vertx = Vertx.vertx();
  private LoopbackFileServer files;
  private LocalFleet fleet;
  private List<DemoFleet.Stick> sticks;
  private String namespace;
  private ProgressBoard board;

  private Demo(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Prepares the images, starts the fleet and applies the example fleet. */
  public static Demo start(Options options, PrintStream out) throws Exception {
    Demo demo = new Demo(options, out);
    try {
      demo.startFleet();
      return demo;
    } catch (Exception | Error e) {
      demo.close();
      throw e;
    }
  }

  private void startFleet() throws Exception {
    Path served = Files.createDirectories(options.workDir().resolve("served"));
    step("Preparing images: two generated ISO 9660 images and Debian's memtest86+, iPXE and GRUB rescue images");
    List<DemoImages.Image> images = DemoImages.prepare(served, options.isoMiB());
    step("Building a Windows To Go test image (install.wim, two editions) with wimlib-imagex");
    Path wimDir = Files.createDirectories(options.workDir().resolve("wim"));
    Path wim = Files.move(new TestWims().twoEditions(wimDir, true), served.resolve("install.wim"),
        StandardCopyOption.REPLACE_EXISTING);
    DemoImages.Image windows = new DemoImages.Image("windows", wim, DemoImages.sha256(wim), Files.size(wim), null, null,
        Map.of());
    step("Making a synthetic Ventoy " + VENTOY_VERSION + " release (this machine cannot download the real one)");
    Path ventoy = SyntheticVentoyRelease.create(options.workDir().resolve("ventoy"), VENTOY_VERSION, new ProcessRunner());

    files = new LoopbackFileServer(vertx, served);
    step("Serving the images on " + files.url(""));

    step("Starting the in-process Kubernetes API server (with the RescueFleet CRDs) and the operator");
    fleet = LocalFleet.startInProcess(options.workDir().resolve("fleet"), c -> c);
    out.println("    metrics:           " + fleet.metricsUrl());
    out.println("    fleet-health page: " + fleet.fleetPageUrl());

    ManifestSet examples = new ManifestLoader().load(List.of(options.examples()));
    namespace = examples.all(IsoCatalog.class).get(0).getMetadata().getNamespace();
    sticks = DemoFleet.sticks(examples, options.sticks(), WTG_STICK_BYTES, STICK_BYTES);
    step("Starting station " + STATION + " (connected mode) with a hub of " + sticks.size() + " image-backed sticks");
    LocalFleet.Station station = fleet.addStation(STATION, sticks.stream().map(DemoFleet.Stick::port).toList(), ventoy);
    for (DemoFleet.Stick stick : sticks) {
      station.hub().insertBlank(stick.port(), stick.serial(), stick.sizeBytes());
      out.printf(Locale.ROOT, "    port %s: blank stick %s (%d GiB, sparse image) for %s%n", stick.port(), stick.serial(),
          stick.sizeBytes() >> 30, stick.drive());
    }

    step("Applying examples/ (image sources pointed at the loopback server)");
    List<HasMetadata> objects = DemoFleet.objects(examples, images, files::url, windows, sticks);
    fleet.apply(objects);
    for (HasMetadata o : objects) {
      out.println("    " + o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());
    }
    board = new ProgressBoard(out, options.terminal());
  }

  /** Shows the sticks until every one is Ready, or fails naming those that are not. */
  public void awaitConverged(Duration within) throws InterruptedException {
    step("Converging every stick to its RescueDrive");
    awaitAll(within, (stick, s) -> s != null && s.phase == DrivePhase.Ready);
    board.release();
    for (DemoFleet.Stick stick : sticks) {
      RescueDriveStatus s = status(stick.drive());
      out.printf(Locale.ROOT, "    %s: Ready, %s entries, %s written at %.0f MB/s, verified %s%n", stick.drive(),
          s.entriesSynced, bytes(s.bytesWritten), s.lastWriteMBps == null ? 0 : s.lastWriteMBps,
          s.lastVerify == null ? "-" : s.lastVerify.mode);
    }
  }

  /** Pulls the second stick, damages it, reinserts it and waits for the correction. */
  public DriftResult driftScenario(Duration within) throws IOException, InterruptedException {
    DemoFleet.Stick stick = sticks.get(Math.min(1, sticks.size() - 1));
    LocalFleet.Station station = fleet.station(STATION);
    RescueDriveStatus before = status(stick.drive());
    long correctionsBefore = corrections(before);
    long writtenBefore = before.bytesWritten == null ? 0 : before.bytesWritten;

    step("Pulling " + stick.serial() + " out of port " + stick.port());
    Path image = station.hub().pull(stick.port());
    awaitOne(stick.drive(), within, s -> s.phase == DrivePhase.Absent);
    out.println("    " + stick.drive() + ": Absent");

    step("Damaging it as a user on another PC would");
    List<String> damage = new StickDamage().damage(image, "iso/windows/winpe-demo.iso", "iso/linux/rescue-linux-demo.iso", "1");
    damage.forEach(d -> out.println("    " + d));

    step("Reinserting it into port " + stick.port());
    station.hub().reinsert(stick.port());
    awaitAll(within, (each, s) -> s != null && s.phase == DrivePhase.Ready
        && (!each.equals(stick) || corrections(s) > correctionsBefore));
    board.release();
    RescueDriveStatus after = status(stick.drive());
    long corrections = corrections(after);
    long written = (after.bytesWritten == null ? 0 : after.bytesWritten) - writtenBefore;
    out.printf(Locale.ROOT, "    drift detected and corrected on %s: %s rewritten (the deleted and the changed ISO, ventoy.json, manifest),"
        + " drift corrections %d -> %d%n", stick.drive(), bytes(written), correctionsBefore, corrections);
    return new DriftResult(stick.drive(), damage, written, corrections - correctionsBefore);
  }

  private static long corrections(RescueDriveStatus s) {
    return s == null || s.driftCorrections == null ? 0 : s.driftCorrections;
  }

  /** Redraws the board until every stick satisfies {@code done}. */
  private void awaitAll(Duration within, BiPredicate<DemoFleet.Stick, RescueDriveStatus> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      board.draw(sticks, this::drive, fleet.operator().fleet().snapshot());
      if (sticks.stream().allMatch(s -> done.test(s, status(s.drive())))) {
        board.draw(sticks, this::drive, fleet.operator().fleet().snapshot());
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        List<String> late = sticks.stream().filter(s -> !done.test(s, status(s.drive())))
            .map(s -> s.drive() + " (" + describe(status(s.drive())) + ")").toList();
        throw new DemoFailure("not done within " + within.toSeconds() + " s: " + String.join(", ", late));
      }
      Thread.sleep(500);
    }
  }

  private void awaitOne(String drive, Duration within, Predicate<RescueDriveStatus> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!done.test(status(drive))) {
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure(drive + " did not change within " + within.toSeconds() + " s (" + describe(status(drive)) + ")");
      }
      Thread.sleep(250);
    }
  }

  private static String describe(RescueDriveStatus s) {
    if (s == null || s.phase == null) {
      return "no status yet";
    }
    String reason = s.conditions.stream().filter(c -> "False".equals(c.getStatus()) || "Ready".equals(c.getType()))
        .map(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage()).findFirst().orElse("");
    return s.phase + (reason.isEmpty() ? "" : ", " + reason);
  }

  public LocalFleet fleet() {
    return fleet;
  }

  public List<DemoFleet.Stick> sticks() {
    return sticks;
  }

  private RescueDrive drive(String name) {
    return fleet.client().resources(RescueDrive.class).inNamespace(namespace).withName(name).get();
  }

  private RescueDriveStatus status(String name) {
    RescueDrive d = drive(name);
    return d == null ? null : d.getStatus();
  }

  private void step(String text) {
    out.println("==> " + text);
  }

  static String bytes(Long n) {
    if (n == null) {
      return "0 B";
    }
    if (n >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
    }
    return n + " B";
  }

  @Override
  public void close() {
    if (fleet != null) {
      fleet.close();
    }
    if (files != null) {
      try {
        files.close();
      } catch (Exception e) {
        // the server goes with Vert.x below
      }
    }
    vertx.close();
  }

  /** The demo could not reach its goal; the message says which stick and why. */
  public static final class DemoFailure extends RuntimeException {
    public DemoFailure(String message) {
      super(message);
    }
  }
}
