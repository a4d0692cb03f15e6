package io.rescuefleet.faults;

import io.rescuefleet.faults.removal.SurpriseRemoval;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Surprise removal: sticks pulled mid-write, at seeded random points, during ISO sync, the ventoy.json
 * update, repartitioning and the Windows To Go apply, in three ways (power loss, the FUSE daemon
 * killed, the medium detached or replaced). Each injection is judged from the stick itself, read
 * independently, and from the next two insertions (see {@link io.rescuefleet.faults.removal.RemovalJudge}).
 */
public final class SurpriseRemovalDrill implements FaultDrill {
  private final long seed;
  private final PrintStream log;

  /** @param log where each injection point and verdict is printed */
  public SurpriseRemovalDrill(long seed, PrintStream log) {
    this.seed = seed;
    this.log = log;
  }

  @Override
  public String name() {
    return "surprise-removal";
  }

  @Override
  public void run(Path workDir, int injections, FaultLedger ledger) throws Exception {
    log.printf("  %s: seed %d (again: RESCUEFLEET_JAVA_OPTS=-Dfaults.seed=%d bench/run faults)%n", name(), seed, seed);
    new SurpriseRemoval(workDir, seed, log).run(injections, ledger);
  }
}
