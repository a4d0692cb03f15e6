package io.rescuefleet.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault drills of {@code bench/run faults}, a few injections each: every kind of surprise removal
 * twice, every hostile condition once and the connected-mode slow source. Nothing lost, no false success,
 * every stick converging in one apply afterwards, every failure clear. The ledger is printed on failure;
 * {@code -Dfaults.seed=N} repeats a run's injection points.
 */
class FaultDrillsTest {
  private static final long SEED = Long.getLong("faults.seed", System.nanoTime() & 0xffff_ffffL);

  @TempDir
  Path work;

  @Test
  void surpriseRemovalTwiceInEveryPhaseEveryWay() throws Exception {
    Root.require();
    FaultLedger ledger = run(new SurpriseRemovalDrill(SEED, System.out), 24);
    assertThat(ledger.injected()).isEqualTo(24);
    for (String way : new String[] {"kill-writer", "kill-fuse", "detach-image"}) {
      for (String phase : new String[] {"iso-sync", "ventoy-json", "repartition", "wtg-apply"}) {
        assertThat(ledger.count(way + "/" + phase, Outcome.SURVIVED)).as(way + "/" + phase + "\n" + table(ledger)).isEqualTo(2);
      }
    }
  }

  @Test
  void everyHostileConditionEndsClearlyAndASlowSourceHoldsUpNoOtherStick() throws Exception {
    Root.require();
    FaultLedger ledger = run(new HostileConditionsDrill(SEED, System.out), 12);
    assertThat(ledger.injected()).isEqualTo(12);
    assertThat(ledger.count("hostile/slow-source-connected", Outcome.SURVIVED)).as(table(ledger)).isOne();
  }

  private FaultLedger run(FaultDrill drill, int injections) throws Exception {
    FaultLedger ledger = new FaultLedger();
    drill.run(work, injections, ledger);
    String table = table(ledger);
    System.out.print(table);
    assertThat(ledger.count(Outcome.LOST)).as(table).isZero();
    assertThat(ledger.count(Outcome.FALSE_SUCCESS)).as(table).isZero();
    assertThat(ledger.count(Outcome.NOT_RECOVERED)).as(table).isZero();
    assertThat(ledger.count(Outcome.UNCLEAR)).as(table).isZero();
    return ledger;
  }

  private static String table(FaultLedger ledger) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ledger.printTable(new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8) + ledger.summaryLine() + "\n";
  }
}
