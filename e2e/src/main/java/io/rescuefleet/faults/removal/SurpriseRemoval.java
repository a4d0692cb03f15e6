package io.rescuefleet.faults.removal;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.faults.FaultLedger;
import io.rescuefleet.faults.Outcome;
import io.rescuefleet.faults.Verdict;
import io.rescuefleet.faults.check.Expectation;
import io.rescuefleet.faults.check.InspectAudit;
import io.rescuefleet.faults.check.StickContents;
import io.rescuefleet.faults.check.StickReader;
import io.rescuefleet.faults.check.WimReference;
import io.rescuefleet.faults.lab.ChildCli;
import io.rescuefleet.faults.lab.CliRun;
import io.rescuefleet.faults.lab.DrillAssets;
import io.rescuefleet.faults.lab.DriveSpec;
import io.rescuefleet.faults.lab.FuseDaemons;
import io.rescuefleet.faults.lab.KernelLeftovers;
import io.rescuefleet.faults.lab.LocalStation;
import io.rescuefleet.faults.lab.LoopChain;
import io.rescuefleet.station.device.BlockDevices;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.engine.Inspection;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * The surprise-removal drill's run: sets up the sticks and calibrates each transition with a clean
 * run, then for every injection starts the real CLI on the stick, waits for the point, pulls the stick
 * the chosen way, clears what the dead run left in the kernel, reinserts the stick, gathers the
 * evidence and has the judge decide.
 */
public final class SurpriseRemoval {
  private static final Duration CLI_LIMIT = Duration.ofMinutes(3);

  private final Path workDir;
  private final PrintStream log;
  private final Random random;
  private final InjectionPicker picker;
  private final ProcessRunner runner = new ProcessRunner();
  private final RemovalJudge judge = new RemovalJudge();

  public SurpriseRemoval(Path workDir, long seed, PrintStream log) {
    this.workDir = workDir;
    this.log = log;
    this.random = new Random(seed);
    this.picker = new InjectionPicker(random);
  }

  public void run(int injections, FaultLedger ledger) throws IOException {
    DrillAssets assets = DrillAssets.create(workDir.resolve("assets"), RemovalSticks.IMAGE_SIZES);
    WimReference wims = new WimReference(runner, workDir.resolve("wim-reference"));
    wims.add(assets.wimSha256(), assets.wim());
    StickReader reader = new StickReader(runner, wims);
    LocalStation station = new LocalStation(assets.cache(), assets.release());
    ChildCli cli = new ChildCli(workDir.resolve("logs"));
    List<RemovalStick> sticks = RemovalSticks.create(workDir, assets, runner);
    try {
      for (RemovalStick stick : sticks) {
        prepare(stick, station);
      }
      List<String> kinds = kinds();
      int recorded = 0;
      int attempts = 0;
      while (recorded < injections && attempts < injections * 3 + 12) {
        attempts++;
        String kind = kinds.get(recorded % kinds.size());
        Way way = Way.valueOf(kind.substring(0, kind.indexOf(' ')));
        Phase phase = Phase.valueOf(kind.substring(kind.indexOf(' ') + 1));
        RemovalStick stick = sticks.stream().filter(s -> s.phase() == phase).findFirst().orElseThrow();
        DriveSpec target = stick.target();
        InjectionPoint point = picker.pick(way, phase, stick.calibration(target));
        if (point == null) {
          throw new IllegalStateException("the transition to " + target + " has no " + phase.label() + " action");
        }
        Verdict verdict = inject(stick, target, point, cli, station, reader, assets);
        if (verdict == null) {
          log.printf("    missed (the run ended before the point): %s%n", point.describe());
          continue;
        }
        recorded++;
        ledger.record(point.kind(), verdict.outcome(), verdict.detail());
        log.printf("    #%d %s %s%n", recorded, verdict.outcome(), verdict.detail());
      }
      if (recorded < injections) {
        throw new IllegalStateException("only " + recorded + " of " + injections + " injections landed in " + attempts
            + " attempts");
      }
    } finally {
      for (RemovalStick stick : sticks) {
        KernelLeftovers.of(stick.image(), runner).release(runner);
        stick.medium().close();
      }
    }
  }

  /**
   * Every way in every phase, ways first ({@code WAY PHASE}); {@code -Dfaults.kinds=kill-fuse/wtg} keeps
   * the kinds containing that text, to reproduce one kind's findings.
   */
  private static List<String> kinds() {
    String only = System.getProperty("faults.kinds", "");
    List<String> kinds = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      for (Way way : Way.values()) {
        if ((way.label() + "/" + phase.label()).contains(only)) {
          kinds.add(way.name() + " " + phase.name());
        }
      }
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("-Dfaults.kinds=" + only + " matches no kind of fault");
    }
    return kinds;
  }

  /** Converges the stick to its first spec, then calibrates both transitions with clean runs. */
  private void prepare(RemovalStick stick, LocalStation station) {
    expectConverged(station.apply(stick.image(), stick.size(), stick.a(), VerifyMode.Quick), stick.a());
    stick.holds(stick.a());
    for (int i = 0; i < 2; i++) {
      DriveSpec target = stick.target();
      EngineResult clean = expectConverged(station.apply(stick.image(), null, target, VerifyMode.Quick), target);
      stick.calibrate(target, Calibration.of(clean));
      stick.holds(target);
    }
  }

  private static EngineResult expectConverged(EngineResult r, DriveSpec spec) {
    if (!r.converged()) {
      throw new IllegalStateException("preparing the drill: " + spec + " did not converge: "
          + (r.failure() == null ? r.notes() : r.failure().reason() + ": " + r.failure().message()));
    }
    return r;
  }

  /** One injection; null when the run ended before the point (nothing was injected). */
  private Verdict inject(RemovalStick stick, DriveSpec target, InjectionPoint point, ChildCli cli,
      LocalStation station, StickReader reader, DrillAssets assets) throws IOException {
    Path image = stick.image();
    long t0 = System.nanoTime();
    CliRun run = cli.start(List.of("apply", "-f", target.file().toString(), "--target", image.toString(),
        "--ventoy-release", assets.release().toString(), "--cache", assets.cache().toString(), "--verify", "quick",
        "--output", "json"));
    Optional<String> disk = InjectionTrigger.awaitDisk(image, run, Duration.ofMinutes(1));
    boolean landed = false;
    if (disk.isPresent()) {
      long baseline = BlockDevices.sectorsWritten(disk.get());
      landed = InjectionTrigger.awaitPoint(disk.get(), baseline, point, run) && pull(point, run, stick);
    }
    OptionalInt exit = run.waitFor(CLI_LIMIT);
    if (exit.isEmpty()) {
      run.killGroup();
    }
    KernelLeftovers left = KernelLeftovers.of(image, runner);
    String survivorLeftovers = point.way() != Way.KILL_WRITER && exit.isPresent() && !left.isEmpty() ? left.toString() : null;
    left.release(runner);
    stick.medium().reinsert();
    if (!landed && exit.isPresent() && exit.getAsInt() == 0) {
      stick.holds(target);
      return null;
    }
    if (!landed && exit.isPresent()) {
      // Failing with no fault is a finding in itself: recorded, and the stick put right for the next one.
      Verdict failed = new Verdict(Outcome.NOT_RECOVERED, point.describe() + ": no fault went in, yet the CLI failed (exit "
          + exit.getAsInt() + "): " + run.failureLine().orElse(run.stderr().strip()) + " [" + run.stdoutFile().getFileName()
          + "]");
      settle(stick, target, station.apply(image, null, target, null), station.apply(image, null, target, VerifyMode.Quick),
          station);
      return failed;
    }

    long t1 = System.nanoTime();
    StickContents afterFault = reader.read(image);
    long t2 = System.nanoTime();
    List<String> inspectClaims;
    try {
      Inspection inspection = station.inspect(image, VerifyMode.Full);
      inspectClaims = InspectAudit.falseClaims(inspection, afterFault);
    } catch (RuntimeException e) {
      inspectClaims = List.of(); // an inspect that fails claims nothing
    }
    long t3 = System.nanoTime();
    EngineResult recovery = station.apply(image, null, target, null);
    long t4 = System.nanoTime();
    EngineResult second = station.apply(image, null, target, VerifyMode.Quick);
    long t5 = System.nanoTime();
    StickContents afterRecovery = reader.read(image);
    long t6 = System.nanoTime();
    if (Boolean.getBoolean("faults.timing")) {
      log.printf("    timing: fault %.1f s, read %.1f, inspect %.1f, recovery %.1f, second %.1f, read %.1f%n", (t1 - t0) / 1e9,
          (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t5 - t4) / 1e9, (t6 - t5) / 1e9);
    }
    Evidence evidence = new Evidence(point, exit, run.json(), run.failureLine().orElse(null), survivorLeftovers,
        afterFault, inspectClaims, recovery, second, afterRecovery, Expectation.of(target),
        List.of(Expectation.of(stick.current()), Expectation.of(target)));
    Verdict verdict = judge.judge(evidence);
    settle(stick, target, recovery, second, station);
    String actions = verdict.outcome() == Outcome.SURVIVED ? ""
        : " (next apply: " + recovery.actions().stream().map(a -> a.type() + " " + a.path() + (a.ok() ? "" : " FAILED"))
            .toList() + ")";
    return new Verdict(verdict.outcome(), verdict.detail() + actions + " [" + run.stdoutFile().getFileName() + "]");
  }

  /** Pulls the stick the point's way; false when there was nothing to pull (no FUSE daemon before the run ended). */
  private boolean pull(InjectionPoint point, CliRun run, RemovalStick stick) {
    Path image = stick.image();
    switch (point.way()) {
      case KILL_WRITER -> {
        List<Long> daemons = FuseDaemons.serving(LoopChain.of(image).all());
        run.killGroup();
        FuseDaemons.kill(daemons);
        return true;
      }
      case KILL_FUSE -> {
        while (run.alive()) {
          List<Long> daemons = FuseDaemons.serving(LoopChain.of(image).all());
          if (!daemons.isEmpty()) {
            FuseDaemons.kill(daemons);
            return true;
          }
          sleep(2);
        }
        return false;
      }
      case DETACH_IMAGE -> {
        stick.medium().vanish();
        return true;
      }
      default -> throw new IllegalStateException("unknown way " + point.way());
    }
  }

  /** Leaves the stick converged to {@code target} for the next injection, whatever the recovery did. */
  private void settle(RemovalStick stick, DriveSpec target, EngineResult recovery, EngineResult second,
      LocalStation station) {
    if (recovery.converged() && second.converged()) {
      stick.holds(target);
      return;
    }
    if (station.apply(stick.image(), null, target, VerifyMode.Full).converged()) {
      stick.holds(target);
      return;
    }
    log.printf("    the stick did not converge again; starting it afresh%n");
    try {
      if (Boolean.getBoolean("bench.keep")) {
        Path kept = Files.createDirectories(workDir.resolve("unrecovered"))
            .resolve(stick.image().getFileName() + "." + System.nanoTime());
        Files.copy(stick.image(), kept);
        log.printf("    kept as %s%n", kept);
      }
      Files.deleteIfExists(stick.image());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    expectConverged(station.apply(stick.image(), stick.size(), target, VerifyMode.Quick), target);
    stick.holds(target);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
