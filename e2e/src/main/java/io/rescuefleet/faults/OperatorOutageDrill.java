package io.rescuefleet.faults;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.faults.OutageRig.Stick;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 7's "operator outage and restarts" as a drill. Each injection is a round: every stick is
 * pulled, looked at (a Full verification against the catalog: the previous round's result), given
 * work (its work image deleted, so the station has drift to correct; before an outage, a new work
 * image from a slow mirror instead, so the download lasts through the outage), slowed down and put
 * back; while the sticks sync, one fault is injected:
 * <ul>
 *   <li>{@value #OUTAGE}: the operator is stopped at an arbitrary moment while the station keeps
 *       syncing and its reports pile up in the outbox, then started again; outages are longer
 *       than the station heartbeat timeout, so the new operator first sees the station offline;
 *   <li>{@value #RESTART}: the operator goes down right after applying the report of a finished sync,
 *       before the station hears so (the answer is lost on the wire), and comes back 0 to 2.5 s
 *       later, while the other sticks still sync;
 *   <li>{@value #KILL}: the station daemon gets SIGKILL at a random moment of the sync, what it left
 *       attached is swept as after a power cut, and it is started again.
 * </ul>
 * The round has survived when every drive is Ready with the catalog's entries, the outbox has
 * drained, the operators applied exactly the reports the station put on the wire (counted by a tap
 * between them, not by either side), the status counts (drift corrections, lifetime bytes) equal
 * what those reports say, and the sticks verify.
 */
public final class OperatorOutageDrill implements FaultDrill {
  public static final String NAME = "operator-outage";
  public static final String OUTAGE = "operator-outage";
  public static final String RESTART = "operator-restart-mid-sync";
  public static final String KILL = "kill-daemon-mid-sync";
  private static final Logger LOG = LoggerFactory.getLogger(OperatorOutageDrill.class);
  private static final List<String> KINDS = List.of(OUTAGE, RESTART, KILL);
  private static final int STICKS = 3;
  private static final int STICK_MIB = 160;

  private final List<Duration> outages;
  private final Duration syncTime;
  private final int workMiB;

  /**
   * @param outages how long the outages last, in turn (the list repeats)
   * @param syncTime about how long a sync lasts in restart and kill rounds
   * @param workMiB size of the image each round's sync rewrites
   */
  public OperatorOutageDrill(List<Duration> outages, Duration syncTime, int workMiB) {
    if (outages.isEmpty()) {
      throw new IllegalArgumentException("outages: at least one duration");
    }
    this.outages = List.copyOf(outages);
    this.syncTime = syncTime;
    this.workMiB = workMiB;
  }

  /**
   * The full run's drill: the first outage lasts two and a half minutes, later ones 10 s (shorter
   * than the heartbeat timeout), 30 s and 20 s (longer).
   */
  public static OperatorOutageDrill full() {
    return new OperatorOutageDrill(List.of(Duration.ofSeconds(150), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(20)), Duration.ofSeconds(10), 16);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(Path workDir, int injections, FaultLedger ledger) throws Exception {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    Random random = new Random(seed);
    Tally total = new Tally();
    try (OutageRig rig = OutageRig.start(workDir, STICKS, STICK_MIB, workMiB)) {
      if (!await(Duration.ofMinutes(4), () -> converged(rig) && quiet(rig))) {
        throw new IllegalStateException("the fleet did not converge before the first injection: " + phases(rig)
            + "; station log " + rig.stationLog());
      }
      Round pending = null;
      Snapshot before = Snapshot.of(rig);
      Map<String, String> differences = new HashMap<>();
      statusAgainstReports(rig, differences);
      for (int i = 0; i < injections; i++) {
        String kind = KINDS.get(i % KINDS.size());
        boolean outage = kind.equals(OUTAGE);
        List<String> stickProblems = pullLookAndDamage(rig, !outage);
        if (pending != null) {
          record(ledger, pending, stickProblems, total);
        }
        Duration sync = outage ? outages.get(i / KINDS.size() % outages.size()) : syncTime;
        if (outage) {
          // A new image from a slow mirror: the stations download it all through the outage.
          rig.newWorkImage(i + 1, workMiB, (long) (workMiB * (1L << 20) / (sync.toMillis() / 1000.0 * 0.6)));
        }
        slowDownAndReinsert(rig, kind, sync);
        String injected = inject(rig, kind, sync, random, total);
        pending = recover(rig, kind, sync, before, injected + " (seed " + seed + ", round " + (i + 1) + ")", differences);
        before = Snapshot.of(rig);
      }
      if (pending != null) {
        record(ledger, pending, eachPulled(rig, rig::inspectPulled), total);
      }
    }
    total.publish(ledger);
  }

  /** Pulls every stick, verifies it against the catalog, deletes its work image if asked; returns what was wrong. */
  private static List<String> pullLookAndDamage(OutageRig rig, boolean damage) throws Exception {
    return eachPulled(rig, s -> {
      List<String> found = rig.inspectPulled(s);
      if (damage) {
        rig.damagePulled(s);
      }
      return found;
    });
  }

  /** Pulls every stick and runs {@code look} on each, the sticks in parallel; returns what it found. */
  private static List<String> eachPulled(OutageRig rig, StickWork look) throws Exception {
    for (Stick s : rig.sticks()) {
      rig.pull(s);
    }
    // The station notices a pull at its next scan; put back sooner, a stick never left.
    if (!await(Duration.ofMinutes(1), () -> rig.sticks().stream().allMatch(s -> absent(rig, s)))) {
      throw new IllegalStateException("the station did not report the pulled sticks absent: " + phases(rig));
    }
    ExecutorService hands = Executors.newFixedThreadPool(rig.sticks().size());
    try {
      List<Future<List<String>>> found = new ArrayList<>();
      for (Stick s : rig.sticks()) {
        found.add(hands.submit(() -> look.on(s).stream().map(p -> s.drive() + ": " + p).toList()));
      }
      List<String> problems = new ArrayList<>();
      for (Future<List<String>> f : found) {
        problems.addAll(f.get());
      }
      return problems;
    } finally {
      hands.shutdownNow();
    }
  }

  private interface StickWork {
    List<String> on(Stick stick) throws Exception;
  }

  /**
   * Slows the sticks down, then puts them back. In an outage round (where the download takes 0.6 of
   * the outage) the last stick writes for another 0.6, so it still syncs when the operator returns
   * while the others finish during the outage; otherwise the syncs take 0.6 to 1.4 times {@code sync}.
   */
  private void slowDownAndReinsert(OutageRig rig, String kind, Duration sync) throws Exception {
    List<Stick> sticks = rig.sticks();
    double bytes = (double) workMiB * (1 << 20);
    for (int k = 0; k < sticks.size(); k++) {
      boolean last = k == sticks.size() - 1;
      double share = kind.equals(OUTAGE) ? (last ? 0.6 : 0) : 0.6 + 0.8 * k / Math.max(1, sticks.size() - 1);
      rig.throttle(sticks.get(k), share == 0 ? 0 : bytes / (sync.toMillis() / 1000.0 * share) / 1e6);
    }
    for (Stick s : sticks) {
      rig.reinsert(s);
    }
    if (!await(Duration.ofMinutes(2), () -> syncing(rig))) {
      throw new IllegalStateException("the sticks did not start syncing after reinsertion: " + phases(rig));
    }
  }

  /** Injects the round's fault; returns what was done, for the findings. */
  private static String inject(OutageRig rig, String kind, Duration sync, Random random, Tally total) throws Exception {
    switch (kind) {
      case OUTAGE -> {
        rig.stopOperator();
        long end = System.nanoTime() + sync.toNanos();
        int peak = 0;
        while (System.nanoTime() < end) {
          peak = Math.max(peak, rig.outboxBacklog());
          Thread.sleep(250);
        }
        rig.startOperator();
        total.outages++;
        total.longestOutageSeconds = Math.max(total.longestOutageSeconds, sync.toSeconds());
        total.peakBacklog = Math.max(total.peakBacklog, peak);
        if (peak == 0) {
          throw new IllegalStateException("no report piled up in the outbox during a " + sync.toSeconds()
              + " s outage: the station did not keep working");
        }
        return "operator stopped for " + sync.toSeconds() + " s, " + peak + " batches piled up";
      }
      case RESTART -> {
        // The worst moment: the operator applied a run's outcome, and goes down before the station
        // hears so; the station resends it to the next operator. Restarting 0 to 2.5 s later puts
        // the restart before or after the coalesced status write (1 s) that records the outcome.
        CompletableFuture<ReportBatch> lost = rig.tap().loseNextOutcomeAck();
        String batch;
        try {
          batch = lost.get(sync.toSeconds() * 2 + 60, TimeUnit.SECONDS).batchId();
        } catch (TimeoutException e) {
          rig.tap().unblock();
          throw new IllegalStateException("no sync finished within " + (sync.toSeconds() * 2 + 60) + " s: " + phases(rig));
        }
        long delay = random.nextInt(2500);
        Thread.sleep(delay);
        rig.stopOperator();
        rig.startOperator();
        rig.tap().unblock();
        return "operator restarted " + delay + " ms after applying batch " + batch + " whose answer was lost";
      }
      case KILL -> {
        long delay = 500 + random.nextInt((int) Math.max(1, sync.toMillis() / 2));
        Thread.sleep(delay);
        PowerCutLeftovers left = rig.killDaemon();
        total.kills++;
        if (!left.isEmpty()) {
          total.killsWithLeftovers++;
          total.leftoverLoops += left.loopDevices();
          total.leftoverMounts += left.mounts();
          left.sweep();
        }
        PowerCutLeftovers still = rig.attached();
        if (!still.isEmpty()) {
          throw new IllegalStateException("the killed daemon's devices could not be swept: " + still);
        }
        rig.startDaemon();
        return "daemon killed " + delay + " ms into the sync, leaving " + left;
      }
      default -> throw new IllegalArgumentException(kind);
    }
  }

  /** Waits for the round to settle and takes its measurements. */
  private static Round recover(OutageRig rig, String kind, Duration sync, Snapshot before, String injected,
      Map<String, String> differences) throws Exception {
    Duration within = kind.equals(OUTAGE) ? sync.multipliedBy(2).plusMinutes(3) : Duration.ofMinutes(4);
    boolean recovered = await(within, () -> rig.daemonAlive() && converged(rig) && outboxEmpty(rig) && quiet(rig));
    Snapshot after = Snapshot.of(rig);
    List<String> statusProblems = statusAgainstReports(rig, differences);
    String state = recovered ? "" : "; not converged within " + within.toSeconds() + " s: " + phases(rig)
        + " outbox=" + rig.outboxBacklog() + " daemonAlive=" + rig.daemonAlive();
    return new Round(kind, after.minus(before), statusProblems, recovered, injected + state);
  }

  private static void record(FaultLedger ledger, Round r, List<String> stickProblems, Tally total) {
    Snapshot d = r.delta();
    long lost = Math.max(0, d.sent() - d.applied()) + d.rejected();
    long twice = Math.max(0, d.applied() - d.sent());
    total.add(d, lost, twice);
    String counts = String.format(Locale.ROOT, "sent=%d applied=%d resent=%d deduplicated=%d rejected=%d",
        d.sent(), d.applied(), d.transmissions() - d.sent(), d.duplicates(), d.rejected());
    Outcome outcome;
    String why;
    if (lost > 0) {
      outcome = Outcome.LOST;
      why = lost + " reports lost";
    } else if (twice > 0 || !r.statusProblems().isEmpty() || r.recovered() && !stickProblems.isEmpty()) {
      outcome = Outcome.FALSE_SUCCESS;
      why = twice > 0 ? twice + " reports applied twice" : "status or sticks claim more than is true";
    } else if (!r.recovered() || !stickProblems.isEmpty()) {
      outcome = Outcome.NOT_RECOVERED;
      why = "did not converge";
    } else {
      outcome = Outcome.SURVIVED;
      why = "";
    }
    String detail = why + " (" + counts + "); " + r.injected()
        + (r.statusProblems().isEmpty() ? "" : "; status: " + r.statusProblems())
        + (stickProblems.isEmpty() ? "" : "; sticks: " + stickProblems);
    LOG.info("fault round kind={} outcome={} {}", r.kind(), outcome, detail);
    ledger.record(r.kind(), outcome, detail);
  }

  /**
   * Status counts that must follow from the reports the station sent: drift corrections (each
   * report of a corrected drift counts once) and lifetime bytes (the largest the stick reported).
   * Only a change of the difference is this round's doing; {@code before} carries it between rounds.
   */
  private static List<String> statusAgainstReports(OutageRig rig, Map<String, String> before) {
    List<String> problems = new ArrayList<>();
    List<ReportTap.Sent> sent = rig.tap().sent();
    for (Stick s : rig.sticks()) {
      String key = rig.driveKey(s);
      List<DriveReport> mine = sent.stream().map(ReportTap.Sent::report).filter(r -> key.equals(r.driveKey())).toList();
      long corrected = mine.stream().filter(r -> r.outcome() != null && r.outcome().driftCorrected()).count();
      long lifetime = mine.stream().mapToLong(DriveReport::lifetimeBytesWritten).max().orElse(0);
      RescueDriveStatus st = rig.status(s);
      long statusCorrected = st == null || st.driftCorrections == null ? 0 : st.driftCorrections;
      long statusBytes = st == null || st.bytesWritten == null ? 0 : st.bytesWritten;
      String difference = (statusCorrected - corrected) + "/" + (statusBytes - lifetime);
      if (!difference.equals(before.getOrDefault(key, "0/0"))) {
        problems.add(s.drive() + " driftCorrections=" + statusCorrected + " bytesWritten=" + statusBytes
            + " but the station reported " + corrected + " corrections and " + lifetime + " bytes");
      }
      before.put(key, difference);
    }
    return problems;
  }

  private static boolean converged(OutageRig rig) {
    Map<String, String> files = rig.catalogFiles();
    for (Stick s : rig.sticks()) {
      RescueDriveStatus st = rig.status(s);
      if (st == null || st.phase != DrivePhase.Ready || st.entries == null || st.entries.size() != files.size()
          || st.entries.stream().anyMatch(e -> !"Synced".equals(e.state) || !files.containsValue(e.sha256))) {
        return false;
      }
    }
    return true;
  }

  private static boolean absent(OutageRig rig, Stick s) {
    RescueDriveStatus st = rig.status(s);
    return st != null && st.phase == DrivePhase.Absent;
  }

  private static boolean syncing(OutageRig rig) {
    boolean anyProgress = false;
    for (Stick s : rig.sticks()) {
      RescueDriveStatus st = rig.status(s);
      if (st == null || st.phase != DrivePhase.Reconciling) {
        return false;
      }
      anyProgress |= st.progress != null && st.progress.bytesDone != null && st.progress.bytesDone > 0;
    }
    return anyProgress;
  }

  private static boolean outboxEmpty(OutageRig rig) {
    try {
      return rig.outboxBacklog() == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** No report went out for three seconds (a working daemon reports twice a second). */
  private static boolean quiet(OutageRig rig) throws InterruptedException {
    long before = rig.tap().counts().transmissions();
    Thread.sleep(3000);
    return rig.tap().counts().transmissions() == before;
  }

  private static String phases(OutageRig rig) {
    List<String> out = new ArrayList<>();
    for (Stick s : rig.sticks()) {
      RescueDriveStatus st = rig.status(s);
      out.add(s.drive() + "=" + (st == null ? "none" : st.phase + " " + st.entriesSynced));
    }
    return String.join(", ", out);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static boolean await(Duration within, Check check) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.holds()) {
        return true;
      }
      Thread.sleep(500);
    }
    return check.holds();
  }

  /** Report counts at one moment: on the wire (tap) and at the operators (summed over their lives). */
  record Snapshot(long sent, long transmissions, long applied, long duplicates, long rejected) {
    static Snapshot of(OutageRig rig) throws java.io.IOException {
      ReportTap.Counts c = rig.tap().counts();
      return new Snapshot(c.distinctReports(), c.transmissions(), rig.applied(), rig.duplicates(), rig.rejectedBatches());
    }

    Snapshot minus(Snapshot o) {
      return new Snapshot(sent - o.sent, transmissions - o.transmissions, applied - o.applied, duplicates - o.duplicates,
          rejected - o.rejected);
    }
  }

  /** One round's measurements, kept until its sticks have been looked at. */
  private record Round(String kind, Snapshot delta, List<String> statusProblems, boolean recovered, String injected) {
    Round {
      Objects.requireNonNull(kind);
    }
  }

  /** The drill's figures over all rounds. */
  private static final class Tally {
    long sent;
    long applied;
    long resent;
    long deduplicated;
    long lost;
    long appliedTwice;
    int outages;
    long longestOutageSeconds;
    int peakBacklog;
    int kills;
    int killsWithLeftovers;
    int leftoverLoops;
    int leftoverMounts;

    void add(Snapshot d, long lostReports, long twice) {
      sent += d.sent();
      applied += d.applied();
      resent += d.transmissions() - d.sent();
      deduplicated += d.duplicates();
      lost += lostReports;
      appliedTwice += twice;
    }

    void publish(FaultLedger ledger) {
      String p = NAME + ".";
      ledger.addFigure(p + "reports_sent", sent);
      ledger.addFigure(p + "reports_applied", applied);
      ledger.addFigure(p + "reports_lost", lost);
      ledger.addFigure(p + "reports_applied_twice", appliedTwice);
      ledger.addFigure(p + "reports_resent", resent);
      ledger.addFigure(p + "reports_deduplicated", deduplicated);
      ledger.addFigure(p + "outages", outages);
      ledger.addFigure(p + "longest_outage_s", longestOutageSeconds);
      ledger.addFigure(p + "outbox_peak_batches", peakBacklog);
      ledger.addFigure(p + "daemon_kills", kills);
      ledger.addFigure(p + "kills_leaving_devices", killsWithLeftovers);
      ledger.addFigure(p + "leftover_loops_swept", leftoverLoops);
      ledger.addFigure(p + "leftover_mounts_swept", leftoverMounts);
    }
  }
}
