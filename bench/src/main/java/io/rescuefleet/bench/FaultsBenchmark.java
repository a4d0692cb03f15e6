package io.rescuefleet.bench;

import io.rescuefleet.faults.FaultDrill;
import io.rescuefleet.faults.FaultLedger;
import io.rescuefleet.faults.HostileConditionsDrill;
import io.rescuefleet.faults.SurpriseRemovalDrill;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run faults}: every fault drill at full strength (the e2e suite runs the same drills a
 * few times each), then a table per fault kind and the line
 * {@code faults: injected=N survived=N lost=N false_success=N}. The goal is lost=0 and
 * false_success=0 with at least 100 injections. {@code -Dfaults.scale=F} scales every drill's count;
 * {@code -Dfaults.seed=N} repeats a run's random injection points (each drill prints its seed).
 */
final class FaultsBenchmark implements Benchmark {
  /** Each drill with the number of faults it injects in a full run. */
  private record Planned(FaultDrill drill, int injections) {}

  private static final long SEED = Long.getLong("faults.seed", System.nanoTime() & 0xffff_ffffL);

  private static final List<Planned> DRILLS = List.of(
      new Planned(new SurpriseRemovalDrill(SEED, System.out), 120),
      new Planned(new HostileConditionsDrill(SEED, System.out), 23));

  @Override
  public String name() {
    return "faults";
  }

  @Override
  public void run(Path work, PrintStream out) throws Exception {
    double scale = Double.parseDouble(System.getProperty("faults.scale", "1"));
    FaultLedger ledger = new FaultLedger();
    for (Planned p : DRILLS) {
      int n = Math.max(1, (int) Math.round(p.injections() * scale));
      long t0 = System.nanoTime();
      p.drill().run(Files.createDirectories(work.resolve(p.drill().name())), n, ledger);
      out.printf(Locale.ROOT, "  %s: %d injections in %.0f s%n", p.drill().name(), n, (System.nanoTime() - t0) / 1e9);
    }
    ledger.printTable(out);
    out.println(ledger.summaryLine());
  }
}
