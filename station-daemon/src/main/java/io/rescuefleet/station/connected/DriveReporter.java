package io.rescuefleet.station.connected;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.wire.ReportBatch.ActionResult;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.Progress;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.engine.WireReports;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.Plan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns one engine run on one stick into drive reports: it listens to the run, and each
 * {@link #drain} hands out what happened since the previous one (phase, progress with an ETA,
 * finished actions, throughput samples); {@link #finish} adds the outcome.
 */
final class DriveReporter implements EngineListener {
  private final String driveKey;
  private final String serial;
  private final String port;
  private final String insertionId;
  private final AtomicLong sequence;
  private final Clock clock;

  private DrivePhase phase = DrivePhase.Reconciling;
  private final List<ActionResult> actions = new ArrayList<>();
  private final List<ThroughputSample> samples = new ArrayList<>();
  private long bytesTotal;
  private long bytesOfFinishedActions;
  private long bytesOfCurrentAction;
  private long startedAtMillis;
  private boolean dirty = true;

  DriveReporter(String driveKey, String serial, String port, String insertionId, AtomicLong sequence, Clock clock) {
    this.driveKey = driveKey;
    this.serial = serial;
    this.port = port;
    this.insertionId = insertionId;
    this.sequence = sequence;
    this.clock = clock;
    this.startedAtMillis = clock.millis();
  }

  @Override
  public synchronized void planned(Plan plan) {
    bytesTotal = plan.actions().stream().mapToLong(a -> Math.max(0, a.bytes())).sum();
    bytesOfFinishedActions = 0;
    bytesOfCurrentAction = 0;
    startedAtMillis = clock.millis();
    dirty = true;
  }

  @Override
  public synchronized void actionProgress(Action action, long bytesDone, long total) {
    bytesOfCurrentAction = bytesDone;
    dirty = true;
  }

  @Override
  public synchronized void actionFinished(ActionReport report) {
    actions.add(WireReports.action(report));
    bytesOfFinishedActions += Math.max(0, report.bytes());
    bytesOfCurrentAction = 0;
    dirty = true;
  }

  @Override
  public synchronized void sample(ThroughputSample sample) {
    samples.add(sample);
    dirty = true;
  }

  /** What happened since the last drain, if anything. */
  synchronized DriveReport drain() {
    if (!dirty) {
      return null;
    }
    return take(null, null, 0);
  }

  /** The last report of the run, with its outcome. */
  synchronized DriveReport finish(EngineResult result, boolean writesAllowed) {
    phase = phaseOf(result, writesAllowed);
    VerifyResult verify = WireReports.verify(result, clock.instant());
    Outcome outcome = WireReports.outcome(result);
    bytesOfFinishedActions = Math.max(bytesOfFinishedActions, bytesTotal);
    return take(verify, outcome, result.lifetimeBytesWritten());
  }

  static DrivePhase phaseOf(EngineResult result, boolean writesAllowed) {
    if (result.failure() != null) {
      return DrivePhase.Failed;
    }
    if (result.converged()) {
      return DrivePhase.Ready;
    }
    return writesAllowed ? DrivePhase.Failed : DrivePhase.Drifted;
  }

  private DriveReport take(VerifyResult verify, Outcome outcome, long lifetimeBytes) {
    long done = Math.min(bytesTotal, bytesOfFinishedActions + bytesOfCurrentAction);
    DriveReport report = new DriveReport(driveKey, serial, port, insertionId, sequence.incrementAndGet(), phase,
        clock.instant().toString(), new Progress(done, bytesTotal, eta(done)), List.copyOf(actions), verify,
        List.copyOf(samples), outcome, lifetimeBytes);
    actions.clear();
    samples.clear();
    dirty = false;
    return report;
  }

  private Double eta(long done) {
    double elapsed = (clock.millis() - startedAtMillis) / 1000.0;
    if (done <= 0 || done >= bytesTotal || elapsed <= 0) {
      return done >= bytesTotal ? 0.0 : null;
    }
    return (bytesTotal - done) / (done / elapsed);
  }
}
