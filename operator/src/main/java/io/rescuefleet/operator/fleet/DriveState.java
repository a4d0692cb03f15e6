package io.rescuefleet.operator.fleet;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.EntryState;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.Progress;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.api.wire.ReportBatch.WindowsToGoState;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.policy.AlertKind;
import io.rescuefleet.operator.policy.SampleGate;
import io.rescuefleet.operator.policy.VerifyPlan;
import io.rescuefleet.operator.policy.VerifySchedule;
import io.rescuefleet.operator.status.Timestamps;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's memory of one RescueDrive: what stations reported, folded together, and what the
 * last reconcile decided. Seeded once from the drive's status so a restarted or newly elected
 * operator continues counts instead of starting over. The sequence marks of the reports applied go
 * into the status with the counts they produced, so a report whose effect the status holds is
 * recognised after a restart too, and one whose effect it does not hold is applied again. Every
 * method holds the object's monitor.
 */
public final class DriveState {
  private static final int DRIFT_HISTORY = 20;
  /**
   * Insertions whose marks are kept. A station resends only the batch at the head of its outbox,
   * whose reports span the insertions of one outage at most: a few.
   */
  static final int REMEMBERED_INSERTIONS = 8;
  private static final Set<DrivePhase> STATION_PHASES =
      EnumSet.of(DrivePhase.Absent, DrivePhase.Reconciling, DrivePhase.Ready, DrivePhase.Drifted, DrivePhase.Failed);

  private final String key;
  private boolean seeded;

  // Decided by the last reconcile.
  private EffectivePolicy policy = EffectivePolicy.defaults();
  private Binding binding;
  private String lastBoundStation;
  private DrivePhase phase;
  private Set<AlertKind> alerts = EnumSet.noneOf(AlertKind.class);
  private boolean quarantined;

  // Reported by stations.
  private DrivePhase reportedPhase;
  private String reportedInsertion;
  private String station;
  private String port;
  private String serial;
  private Instant lastSeen;
  private Progress progress;
  private List<EntryState> entries = List.of();
  /** Null until a station reports (or a previous operator recorded) the stick's Windows To Go. */
  private List<WindowsToGoState> windowsToGo;
  private long bytesWritten;
  private Double lastWriteMBps;
  private Double lastReadMBps;
  private VerifyResult lastVerify;
  private long driftCorrections;
  private String appliedDigest;
  private Outcome lastOutcome;
  private int consecutiveFailures;
  private VerifyPlan verifyPlan = VerifyPlan.NONE;
  private final ThroughputWindow writeWindow = new ThroughputWindow();
  private final ThroughputWindow readWindow = new ThroughputWindow();
  private Instant lastWriteSample;
  private Instant lastReadSample;
  /** Marks by scope ({@code serial/insertion}), least recently applied first. */
  private final LinkedHashMap<String, SequenceMark> marks = new LinkedHashMap<>();
  /** The marks the drive's status holds, as far as this operator knows. */
  private List<SequenceMark> persistedMarks = List.of();
  private boolean decidedOnce;
  private final ArrayDeque<DriftRecord> driftHistory = new ArrayDeque<>();

  DriveState(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Takes over the counts a previous operator wrote to the status; only the first call has an effect. */
  public synchronized void seed(RescueDriveStatus status) {
    if (seeded) {
      return;
    }
    seeded = true;
    if (status == null) {
      return;
    }
    bytesWritten = status.bytesWritten == null ? 0 : status.bytesWritten;
    driftCorrections = status.driftCorrections == null ? 0 : status.driftCorrections;
    consecutiveFailures = status.consecutiveFailures == null ? 0 : status.consecutiveFailures;
    appliedDigest = status.appliedDigest;
    lastWriteMBps = status.lastWriteMBps;
    lastReadMBps = status.lastReadMBps;
    station = status.station;
    port = status.port;
    serial = status.boundSerial;
    lastSeen = Timestamps.parse(status.lastSeen).orElse(null);
    if (status.lastVerify != null && status.lastVerify.mode != null) {
      lastVerify = new VerifyResult(status.lastVerify.mode, 0, 0,
          status.lastVerify.mismatches == null ? 0 : status.lastVerify.mismatches, 0, status.lastVerify.time);
    }
    if (status.verification != null) {
      var v = status.verification;
      verifyPlan = new VerifyPlan(v.insertionId, v.insertionsSinceFull == null ? 0 : v.insertionsSinceFull,
          Timestamps.parse(v.lastFull).orElse(null), v.due);
    }
    if (status.phase != null && STATION_PHASES.contains(status.phase)) {
      reportedPhase = status.phase;
      reportedInsertion = verifyPlan.insertionId();
    }
    if (status.progress != null && status.progress.bytesTotal != null) {
      progress = new Progress(status.progress.bytesDone == null ? 0 : status.progress.bytesDone,
          status.progress.bytesTotal, null);
    }
    if (status.entries != null) {
      entries = status.entries.stream().map(e -> new EntryState(e.name, e.state, e.sha256)).toList();
    }
    if (status.windowsToGo != null) {
      var w = status.windowsToGo;
      windowsToGo = List.of(new WindowsToGoState(w.target, w.location, w.state, w.detail, w.profile, w.imageSha256,
          w.imageIndex, w.imageName, w.edition, w.bootConfiguration, w.bootConfigurationReason, w.appliedAt));
    }
    SequenceMark.of(status).forEach(this::remember);
    persistedMarks = List.copyOf(marks.values());
    if (status.station != null && lastBoundStation == null) {
      // Until the station heartbeats again (it may look offline after an outage), the one that
      // held the stick last may go on reporting it, as it could before the restart.
      lastBoundStation = status.station;
    }
  }

  /** Whether a reconcile of this operator has decided the drive yet; reports wait for it. */
  public synchronized boolean decidedOnce() {
    return decidedOnce;
  }

  /** Records that the drive's status now holds {@code written} marks (and the counts that go with them). */
  public synchronized void persisted(List<SequenceMark> written) {
    persistedMarks = written == null ? List.of() : List.copyOf(written);
  }

  /** Whether reports were applied whose effect the drive's status does not hold yet. */
  public synchronized boolean unpersisted() {
    return !persistedMarks.equals(List.copyOf(marks.values()));
  }

  private void remember(SequenceMark mark) {
    marks.remove(mark.scope());
    marks.put(mark.scope(), mark);
    while (marks.size() > REMEMBERED_INSERTIONS) {
      marks.remove(marks.keySet().iterator().next());
    }
  }

  /**
   * Folds one validated report in. {@code receivedAt} is the operator's clock (for lastSeen); sample
   * and verification times are the station's.
   */
  public synchronized ReportEffect apply(DriveReport report, String fromStation, Instant receivedAt) {
    SequenceMark mark = marks.get(SequenceMark.scopeOf(report.serial(), report.insertionId()));
    if (mark != null && report.sequence() <= mark.sequence()) {
      return ReportEffect.DUPLICATE;
    }
    remember(new SequenceMark(report.serial(), report.insertionId(), report.sequence()));

    boolean phaseChanged = report.phase() != reportedPhase || !Objects.equals(report.insertionId(), reportedInsertion);
    boolean moved = !fromStation.equals(station) || !report.port().equals(port) || !report.serial().equals(serial);
    Progress progressBefore = progress;
    List<EntryState> entriesBefore = entries;
    reportedPhase = report.phase();
    reportedInsertion = report.insertionId();
    station = fromStation;
    port = report.port();
    serial = report.serial();
    lastSeen = receivedAt;
    if (report.phase() == DrivePhase.Absent) {
      progress = null;
    } else if (report.progress() != null) {
      progress = report.progress();
    }
    if (report.entries() != null) {
      entries = List.copyOf(report.entries());
    }
    List<WindowsToGoState> windowsToGoBefore = windowsToGo;
    if (report.windowsToGo() != null) {
      windowsToGo = List.copyOf(report.windowsToGo());
    }

    long added = 0;
    if (report.lifetimeBytesWritten() > bytesWritten) {
      added = report.lifetimeBytesWritten() - bytesWritten;
      bytesWritten = report.lifetimeBytesWritten();
    }

    List<Double> writes = new ArrayList<>();
    List<Double> reads = new ArrayList<>();
    int dropped = 0;
    if (report.samples() != null) {
      for (ThroughputSample sample : report.samples()) {
        if (!admit(sample)) {
          dropped++;
        } else if (sample.direction() == Direction.write) {
          writes.add(sample.mbps());
        } else {
          reads.add(sample.mbps());
        }
      }
    }

    int mismatches = 0;
    if (report.verify() != null) {
      VerifyResult v = report.verify();
      lastVerify = v;
      mismatches = v.mismatches();
      if (v.readMBps() > 0) {
        lastReadMBps = v.readMBps();
      }
      verifyPlan = VerifySchedule.onVerified(verifyPlan, v.mode(), Timestamps.parse(v.time()).orElse(receivedAt));
    }

    boolean detected = false;
    boolean corrected = false;
    Outcome outcome = report.outcome();
    if (outcome != null) {
      lastOutcome = outcome;
      if (outcome.converged()) {
        consecutiveFailures = 0;
        if (outcome.appliedDigest() != null) {
          appliedDigest = outcome.appliedDigest();
        }
      } else if (outcome.reason() != null) {
        consecutiveFailures++;
      }
      detected = outcome.driftDetected();
      corrected = outcome.driftCorrected();
      if (corrected) {
        driftCorrections++;
      }
      if (detected || corrected) {
        driftHistory.addLast(new DriftRecord(receivedAt, fromStation, report.port(), corrected));
        while (driftHistory.size() > DRIFT_HISTORY) {
          driftHistory.removeFirst();
        }
      }
    }
    boolean changed = phaseChanged || moved || added > 0 || !writes.isEmpty() || !reads.isEmpty()
        || report.verify() != null || outcome != null || !Objects.equals(progressBefore, progress)
        || !Objects.equals(entriesBefore, entries) || !Objects.equals(windowsToGoBefore, windowsToGo);
    return new ReportEffect(true, changed, phaseChanged, List.copyOf(writes), List.copyOf(reads), dropped, added, detected,
        corrected, mismatches);
  }

  private boolean admit(ThroughputSample sample) {
    Instant end = Timestamps.parse(sample.time()).orElse(null);
    if (end == null || sample.seconds() <= 0) {
      return false;
    }
    double interval = policy.throughputIntervalSeconds();
    double window = policy.throughputWindowSeconds();
    if (sample.direction() == Direction.write) {
      if (!SampleGate.admits(lastWriteSample, end, interval)) {
        return false;
      }
      lastWriteSample = end;
      lastWriteMBps = sample.mbps();
      writeWindow.add(end.toEpochMilli(), sample.bytes(), sample.seconds(), window);
    } else {
      if (!SampleGate.admits(lastReadSample, end, interval)) {
        return false;
      }
      lastReadSample = end;
      lastReadMBps = sample.mbps();
      readWindow.add(end.toEpochMilli(), sample.bytes(), sample.seconds(), window);
    }
    return true;
  }

  /** Moves the verification plan atomically (a report may move it concurrently); returns the new plan. */
  public synchronized VerifyPlan updatePlan(java.util.function.UnaryOperator<VerifyPlan> step) {
    verifyPlan = step.apply(verifyPlan);
    return verifyPlan;
  }

  /** Records what the last reconcile decided; through {@link FleetState#decided}, which keeps its index. */
  synchronized void decided(EffectivePolicy effectivePolicy, Binding newBinding, DrivePhase newPhase,
      Set<AlertKind> firing, boolean isQuarantined) {
    if (effectivePolicy != null) {
      policy = effectivePolicy;
    }
    binding = newBinding;
    if (newBinding != null && newBinding.bound()) {
      lastBoundStation = newBinding.station();
    }
    phase = newPhase;
    decidedOnce = true;
    alerts = firing.isEmpty() ? EnumSet.noneOf(AlertKind.class) : EnumSet.copyOf(firing);
    quarantined = isQuarantined;
  }

  /**
   * Whether {@code fromStation} may report on this drive: it holds the stick now, or nobody does and
   * it held it last (a station reports a stick it just lost).
   */
  public synchronized boolean reportableFrom(String fromStation) {
    if (binding != null && binding.bound()) {
      return binding.station().equals(fromStation);
    }
    return fromStation.equals(lastBoundStation);
  }

  /** The stick the drive is bound to, if any; reports must name it. */
  public synchronized String boundSerial() {
    return binding != null && binding.bound() ? binding.serial() : serial;
  }

  /** The station the drive's stick was last bound to, if ever. */
  public synchronized String lastBoundStation() {
    return lastBoundStation;
  }

  public synchronized EffectivePolicy policy() {
    return policy;
  }

  public synchronized Binding binding() {
    return binding;
  }

  public synchronized DrivePhase phase() {
    return phase;
  }

  public synchronized Set<AlertKind> alerts() {
    return alerts.isEmpty() ? Set.of() : EnumSet.copyOf(alerts);
  }

  public synchronized boolean quarantined() {
    return quarantined;
  }

  public synchronized DriveRuntime runtime() {
    double window = policy.throughputWindowSeconds();
    return new DriveRuntime(reportedPhase, reportedInsertion, station, port, serial, lastSeen, progress, entries,
        bytesWritten, lastWriteMBps, lastReadMBps, lastVerify, driftCorrections, appliedDigest, lastOutcome,
        consecutiveFailures, writeWindow.stats(window), readWindow.stats(window), verifyPlan, List.copyOf(driftHistory),
        windowsToGo, List.copyOf(marks.values()));
  }
}
