package io.rescuefleet.faults;

import io.rescuefleet.faults.hostile.HostileConditions;
import io.rescuefleet.faults.hostile.SlowSourceElsewhere;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hostile conditions: a disk filled by a foreign file, a write-protected stick, sticks smaller than
 * their catalog or than the layout, an ISO source that serves wrong bytes, 404, a body cut short, a
 * trickle or a stall, and a rotten image in the station's cache; each must end in its condition and exit
 * code, never a false success, and converge once the condition is gone. Last, in connected mode, a
 * source trickling for one stick must not hold up another stick of the same station.
 */
public final class HostileConditionsDrill implements FaultDrill {
  private final long seed;
  private final PrintStream log;

  public HostileConditionsDrill(long seed, PrintStream log) {
    this.seed = seed;
    this.log = log;
  }

  @Override
  public String name() {
    return "hostile-conditions";
  }

  /** One injection is the connected-mode check; the rest go to the conditions, case by case in turn. */
  @Override
  public void run(Path workDir, int injections, FaultLedger ledger) throws Exception {
    log.printf("  %s: seed %d (again: RESCUEFLEET_JAVA_OPTS=-Dfaults.seed=%d bench/run faults)%n", name(), seed, seed);
    new HostileConditions(Files.createDirectories(workDir.resolve("conditions")), seed, log)
        .run(Math.max(1, injections - 1), ledger);
    new SlowSourceElsewhere(Files.createDirectories(workDir.resolve("connected")), log).run(ledger);
  }
}
