package io.rescuefleet.bench;

import io.rescuefleet.faults.FaultDrill;
import io.rescuefleet.faults.FaultLedger;
import io.rescuefleet.faults.HostileConditionsDrill;
import io.rescuefleet.faults.OperatorOutageDrill;
import io.rescuefleet.faults.SurpriseRemovalDrill;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench/run faults}: every fault drill at full strength (the e2e suite runs the same drills a
 * few times each), then a table per fault kind and the line
 * {@code faults: injected=N survived=N lost=N false_success=N}. The goal is lost=0 and
 * false_success=0 with at least 100 injections. {@code -Dfaults.scale=F} scales every drill's count;
 * {@code -Dfaults.only=NAME[,NAME]} runs only the drills named, and {@code -Dfaults.kinds=TEXT} only the
 * surprise removals whose kind ({@code way/phase}) contains TEXT.
 * {@code -Dfaults.seed=N} repeats a run's random injection points (each drill prints its seed).
 */
final class FaultsBenchmark implements Benchmark {
  /** Each drill with the number of faults it injects in a full run. */
  private record Planned(FaultDrill drill, int injections) {}

  private static final long SEED = Long.getLong("faults.seed", System.nanoTime() & 0xffff_ffffL);

  private static final List<Planned> DRILLS = List.of(
      new Planned(new SurpriseRemovalDrill(SEED, System.out), 120),
      new Planned(new HostileConditionsDrill(SEED, System.out), 23),
      new Planned(OperatorOutageDrill.full(), 12));

  @Override
  public String name() {
    return "faults";
  }

  @Override
  public void run(Path work, PrintStream out) throws Exception {
    double scale = Double.parseDouble(System.getProperty("faults.scale", "1"));
    Set<String> only = Arrays.stream(System.getProperty("faults.only", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    Set<String> known = DRILLS.stream().map(p -> p.drill().name()).collect(Collectors.toSet());
    if (!known.containsAll(only)) {
      throw new IllegalArgumentException("-Dfaults.only names no drill: " + only + "; drills: " + known);
    }
    FaultLedger ledger = new FaultLedger();
    for (Planned p : DRILLS) {
      if (!only.isEmpty() && !only.contains(p.drill().name())) {
        continue;
      }
      int n = Math.max(1, (int) Math.round(p.injections() * scale));
      long t0 = System.nanoTime();
      p.drill().run(Files.createDirectories(work.resolve(p.drill().name())), n, ledger);
      out.printf(Locale.ROOT, "  %s: %d injections in %.0f s%n", p.drill().name(), n, (System.nanoTime() - t0) / 1e9);
    }
    ledger.printTable(out);
    out.println(ledger.summaryLine());
  }
}
