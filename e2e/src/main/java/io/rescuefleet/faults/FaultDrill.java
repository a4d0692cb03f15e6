package io.rescuefleet.faults;

import java.nio.file.Path;

/**
 * One family of injected faults (surprise removal, operator outage, hostile sources, ...). A drill
 * injects {@code injections} faults and records one {@link Outcome} per injection in the ledger,
 * under a kind name such as {@code kill-writer/iso-sync}; it decides the outcome by checking the
 * stick and the reports afterwards, never by trusting the code it attacked.
 */
public interface FaultDrill {
  /** The drill's name, e.g. {@code surprise-removal}. */
  String name();

  /** Runs the drill in {@code workDir} (the caller removes it afterwards). */
  void run(Path workDir, int injections, FaultLedger ledger) throws Exception;
}
