package io.rescuefleet.station.connected;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedFile;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.wire.ReportBatch.ActionResult;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.EntryState;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.Progress;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.api.wire.ReportBatch.WindowsToGoState;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.engine.WireReports;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.Plan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns one engine run on one stick into drive reports: it listens to the run, and each
 * {@link #drain} hands out what happened since the previous one (phase, progress with an ETA,
 * finished actions, throughput samples, the state of each catalog entry when it changed);
 * {@link #finish} adds the outcome and the Windows To Go systems found.
 */
final class DriveReporter implements EngineListener {
  private final String driveKey;
  private final String serial;
  private final String port;
  private final String insertionId;
  private final AtomicLong sequence;
  private final Clock clock;
  private final List<ResolvedFile> files;
  /** Entry state by stick path: Pending until its copy starts, then Syncing, Synced or Failed. */
  private final Map<String, String> entryStates = new LinkedHashMap<>();
  private boolean entriesChanged = true;

  private DrivePhase phase = DrivePhase.Reconciling;
  private final List<ActionResult> actions = new ArrayList<>();
  private final List<ThroughputSample> samples = new ArrayList<>();
  private long bytesTotal;
  private long bytesOfFinishedActions;
  private long bytesOfCurrentAction;
  private long startedAtMillis;
  private boolean dirty = true;
  private volatile StickIdentity identity;

  DriveReporter(String driveKey, String serial, String port, String insertionId, List<ResolvedFile> files,
      AtomicLong sequence, Clock clock) {
    this.driveKey = driveKey;
    this.serial = serial;
    this.port = port;
    this.insertionId = insertionId;
    this.sequence = sequence;
    this.clock = clock;
    this.files = List.copyOf(files);
    this.startedAtMillis = clock.millis();
    files.forEach(f -> entryStates.put(f.path(), "Pending"));
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
  public synchronized void actionStarted(int index, int count, Action action) {
    if (entryStates.containsKey(action.target()) && "CopyFile".equals(action.type())) {
      entryStates.put(action.target(), "Syncing");
      entriesChanged = true;
      dirty = true;
    }
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
    if (entryStates.containsKey(report.path()) && ("CopyFile".equals(report.type()) || !report.ok())) {
      entryStates.put(report.path(), report.ok() ? "Synced" : "Failed");
      entriesChanged = true;
    }
    dirty = true;
  }

  @Override
  public synchronized void sample(ThroughputSample sample) {
    samples.add(sample);
    dirty = true;
  }

  @Override
  public void manifestObserved(String driveUuid, String driveKey) {
    identity = new StickIdentity(driveUuid, driveKey);
  }

  /** The stick's identity as the run's latest observation found it, or null before its first. */
  StickIdentity identity() {
    return identity;
  }

  /** What happened since the last drain, if anything. */
  synchronized DriveReport drain() {
    if (!dirty) {
      return null;
    }
    return take(null, null, 0, null);
  }

  /** The last report of the run, with its outcome. */
  synchronized DriveReport finish(EngineResult result, boolean writesAllowed) {
    phase = phaseOf(result, writesAllowed);
    VerifyResult verify = WireReports.verify(result, clock.instant());
    Outcome outcome = WireReports.outcome(result);
    bytesOfFinishedActions = Math.max(bytesOfFinishedActions, bytesTotal);
    if (result.converged()) {
      // A fresh observation found every entry as specified, including those nothing had to copy.
      entryStates.replaceAll((path, state) -> "Synced");
      entriesChanged = true;
    } else if (phase == DrivePhase.Drifted) {
      entryStates.replaceAll((path, state) -> "Pending".equals(state) ? "Mismatch" : state);
      entriesChanged = true;
    }
    return take(verify, outcome, result.lifetimeBytesWritten(), WireReports.windowsToGo(result));
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

  private DriveReport take(VerifyResult verify, Outcome outcome, long lifetimeBytes, List<WindowsToGoState> windowsToGo) {
    long done = Math.min(bytesTotal, bytesOfFinishedActions + bytesOfCurrentAction);
    DriveReport report = new DriveReport(driveKey, serial, port, insertionId, sequence.incrementAndGet(), phase,
        clock.instant().toString(), new Progress(done, bytesTotal, eta(done)), List.copyOf(actions), verify,
        List.copyOf(samples), outcome, lifetimeBytes, entriesChanged ? entries() : null, windowsToGo);
    entriesChanged = false;
    actions.clear();
    samples.clear();
    dirty = false;
    return report;
  }

  private List<EntryState> entries() {
    return files.stream().map(f -> {
      String state = entryStates.get(f.path());
      return new EntryState(f.name(), state, "Synced".equals(state) ? f.sha256() : null);
    }).toList();
  }

  private Double eta(long done) {
    double elapsed = (clock.millis() - startedAtMillis) / 1000.0;
    if (done <= 0 || done >= bytesTotal || elapsed <= 0) {
      return done >= bytesTotal ? 0.0 : null;
    }
    return (bytesTotal - done) / (done / elapsed);
  }
}
