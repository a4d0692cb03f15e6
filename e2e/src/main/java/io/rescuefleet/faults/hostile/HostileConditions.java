package io.rescuefleet.faults.hostile;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.faults.FaultLedger;
import io.rescuefleet.faults.Outcome;
import io.rescuefleet.faults.Verdict;
import io.rescuefleet.faults.check.Expectation;
import io.rescuefleet.faults.check.Hashing;
import io.rescuefleet.faults.check.StickContents;
import io.rescuefleet.faults.check.StickReader;
import io.rescuefleet.faults.check.WimReference;
import io.rescuefleet.faults.lab.ChildCli;
import io.rescuefleet.faults.lab.CliRun;
import io.rescuefleet.faults.lab.DrillAssets;
import io.rescuefleet.faults.lab.KernelLeftovers;
import io.rescuefleet.station.engine.EngineResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

/**
 * The hostile-conditions drill's run: for each injection, one condition (case by case in turn) set up
 * on a fresh stick and cache, the real CLI applied under it, the stick read independently, the
 * condition taken away, and the next two insertions; then the judge decides. The CLI is told to give up
 * on a silent source after {@link #STALL_SECONDS}.
 */
public final class HostileConditions {
  static final int STALL_SECONDS = 5;
  private static final Duration CLI_LIMIT = Duration.ofSeconds(90);

  private final Path workDir;
  private final PrintStream log;
  private final Random random;
  private final HostileJudge judge = new HostileJudge();

  public HostileConditions(Path workDir, long seed, PrintStream log) {
    this.workDir = workDir;
    this.log = log;
    this.random = new Random(seed);
  }

  /** Every case, in the order the drill takes them. */
  List<HostileCase> cases() {
    return List.of(new DiskFull(), new ReadOnlyStick(), new SmallerThanCatalog(), new SmallerThanLayout(),
        SourceMisbehaves.wrongBytes(random), SourceMisbehaves.notFound(random), SourceMisbehaves.cutShort(random),
        SourceMisbehaves.cutShortChunked(random), SourceMisbehaves.trickle(random), SourceMisbehaves.stall(random),
        new CorruptCache());
  }

  /** Runs {@code injections} cases, each case in turn. */
  public void run(int injections, FaultLedger ledger) throws Exception {
    DrillAssets assets = DrillAssets.create(workDir.resolve("assets"), HostileLab.IMAGE_SIZES);
    StickReader reader = new StickReader(new io.rescuefleet.station.process.ProcessRunner(),
        new WimReference(new io.rescuefleet.station.process.ProcessRunner(), workDir.resolve("wim-reference")));
    ChildCli cli = new ChildCli(workDir.resolve("logs"));
    List<HostileCase> cases = cases();
    try (HostileSource source = new HostileSource()) {
      HostileLab lab = new HostileLab(workDir.resolve("runs"), assets, source);
      for (int i = 0; i < injections; i++) {
        HostileCase c = cases.get(i % cases.size());
        lab.next();
        Verdict verdict = once(c, lab, cli, reader);
        ledger.record(c.kind(), verdict.outcome(), verdict.detail());
        log.printf("    #%d %s %s%n", i + 1, verdict.outcome(), verdict.detail());
      }
    }
  }

  private Verdict once(HostileCase c, HostileLab lab, ChildCli cli, StickReader reader) throws Exception {
    Arranged arranged = c.arrange(lab, random);
    Path image = arranged.image();
    String before = Hashing.sha256(image);
    List<String> args = new ArrayList<>(List.of("apply", "-f", arranged.spec().file().toString(), "--target",
        arranged.target(), "--ventoy-release", lab.release().toString(), "--cache", lab.cache().toString(), "--output",
        "json"));
    args.addAll(arranged.extraArgs());
    CliRun run = cli.start(args, Map.of("RESCUEFLEET_SOURCE_STALL_SECONDS", Integer.toString(STALL_SECONDS)));
    OptionalInt exit = run.waitFor(CLI_LIMIT);
    if (exit.isEmpty()) {
      run.killGroup();
    }
    boolean changed = !before.equals(Hashing.sha256(image));
    arranged.undo().run();
    KernelLeftovers left = KernelLeftovers.of(image, lab.runner());
    String leftovers = left.isEmpty() ? null : left.toString();
    left.release(lab.runner());
    StickContents after = reader.read(image);

    EngineResult recovery = null;
    EngineResult second = null;
    StickContents afterRecovery = null;
    if (arranged.recovery() != null) {
      recovery = lab.station().apply(image, null, arranged.recovery(), null);
      second = lab.station().apply(image, null, arranged.recovery(), VerifyMode.Quick);
      afterRecovery = reader.read(image);
    }
    Verdict verdict = judge.judge(new HostileEvidence(c.kind(), arranged.detail(), c.expected(), exit, run.json(),
        run.failureLine().orElse(null), changed, leftovers, after, Expectation.of(arranged.spec()), recovery, second,
        afterRecovery, arranged.recovery() == null ? null : Expectation.of(arranged.recovery())));
    if (verdict.outcome() != Outcome.SURVIVED) {
      return new Verdict(verdict.outcome(), verdict.detail() + " [" + run.stdoutFile().getFileName() + "]");
    }
    deleteImages(lab.dir());
    return verdict;
  }

  /** Sticks of a run that went well are not kept: only their logs. */
  private static void deleteImages(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".img")).toList()) {
        Files.delete(p);
      }
    }
  }
}
