package io.rescuefleet.operator.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.fleet.DriveRuntime;
import io.rescuefleet.operator.policy.VerifyPlan;
import io.rescuefleet.operator.status.ConditionStatus;
import io.rescuefleet.operator.status.ConditionTypes;
import io.rescuefleet.operator.status.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Builds a RescueDrive's status from the runtime state and the decisions of one reconcile. Figures
 * that move continuously are written at a resolution that keeps status writes rare: MB/s to a
 * tenth, {@code lastSeen} refreshed every five minutes while the stick stays in.
 */
final class DriveStatusFactory {
  static final Duration LAST_SEEN_REFRESH = Duration.ofMinutes(5);

  RescueDriveStatus build(RescueDrive drive, RescueDriveStatus previous, DriveRuntime runtime, Binding binding,
      DriveAssignment work, DrivePhase phase, VerifyPlan verify, List<Condition> conditions, Instant now) {
    RescueDriveStatus s = new RescueDriveStatus();
    s.observedGeneration = drive.getMetadata().getGeneration();
    s.conditions = conditions;
    s.phase = phase;
    if (binding.bound()) {
      s.station = binding.station();
      s.port = binding.port();
      s.boundSerial = binding.serial();
    } else {
      s.station = firstNonNull(runtime.station(), previous == null ? null : previous.station);
      s.port = firstNonNull(runtime.port(), previous == null ? null : previous.port);
      s.boundSerial = firstNonNull(runtime.serial(), previous == null ? null : previous.boundSerial);
    }
    s.lastSeen = Timestamps.format(lastSeen(previous, runtime, binding, now));
    s.entries = runtime.entries().stream().map(e -> {
      RescueDriveStatus.EntryStatus entry = new RescueDriveStatus.EntryStatus();
      entry.name = e.name();
      entry.state = e.state();
      entry.sha256 = e.sha256();
      return entry;
    }).toList();
    if (work != null) {
      long synced = runtime.entries().stream().filter(e -> "Synced".equals(e.state())).count();
      s.entriesSynced = synced + "/" + work.files().size();
    }
    s.bytesWritten = runtime.bytesWritten();
    s.lastWriteMBps = tenths(runtime.lastWriteMBps());
    s.lastReadMBps = tenths(runtime.lastReadMBps());
    if (runtime.progress() != null && phase != DrivePhase.Absent) {
      RescueDriveStatus.Progress p = new RescueDriveStatus.Progress();
      p.bytesDone = runtime.progress().bytesDone();
      p.bytesTotal = runtime.progress().bytesTotal();
      p.eta = runtime.progress().etaSeconds() == null ? null : eta(runtime.progress().etaSeconds());
      s.progress = p;
    }
    if (runtime.lastVerify() != null) {
      RescueDriveStatus.LastVerify v = new RescueDriveStatus.LastVerify();
      v.mode = runtime.lastVerify().mode();
      v.time = runtime.lastVerify().time();
      v.mismatches = runtime.lastVerify().mismatches();
      s.lastVerify = v;
    }
    s.windowsToGo = WindowsToGoBlock.of(runtime.windowsToGo(),
        drive.getSpec() == null || drive.getSpec().wtgProfileRef == null ? null : drive.getSpec().wtgProfileRef.name);
    s.driftCorrections = runtime.driftCorrections();
    s.appliedDigest = runtime.appliedDigest();
    s.consecutiveFailures = runtime.consecutiveFailures();
    s.reportSequences = runtime.sequenceMarks().stream().map(m -> {
      RescueDriveStatus.ReportMark mark = new RescueDriveStatus.ReportMark();
      mark.serial = m.serial();
      mark.insertionId = m.insertionId();
      mark.sequence = m.sequence();
      return mark;
    }).toList();
    if (verify.insertionId() != null || verify.lastFull() != null) {
      RescueDriveStatus.Verification v = new RescueDriveStatus.Verification();
      v.insertionId = verify.insertionId();
      v.insertionsSinceFull = verify.insertionsSinceFull();
      v.lastFull = Timestamps.format(verify.lastFull());
      v.due = verify.due();
      s.verification = v;
    }
    return s;
  }

  /**
   * While bound: now, refreshed every {@link #LAST_SEEN_REFRESH}. Once the stick leaves: the moment
   * it left, then frozen (later reports from the station that lost it may still move it on).
   */
  private static Instant lastSeen(RescueDriveStatus previous, DriveRuntime runtime, Binding binding, Instant now) {
    Instant before = previous == null ? null : Timestamps.parse(previous.lastSeen).orElse(null);
    boolean wasBound = previous != null && previous.conditions != null && previous.conditions.stream()
        .anyMatch(c -> ConditionTypes.BOUND.equals(c.getType()) && ConditionStatus.True.name().equals(c.getStatus()));
    if (binding.bound()) {
      return wasBound && before != null && Duration.between(before, now).compareTo(LAST_SEEN_REFRESH) < 0 ? before : now;
    }
    if (wasBound) {
      return now;
    }
    Instant reported = runtime.lastSeen();
    if (before == null) {
      return reported;
    }
    return reported != null && Duration.between(before, reported).compareTo(LAST_SEEN_REFRESH) >= 0 ? reported : before;
  }

  private static Double tenths(Double value) {
    return value == null ? null : Math.round(value * 10) / 10.0;
  }

  /** {@code 1h2m3s}, {@code 4m5s}, {@code 6s}. */
  static String eta(double seconds) {
    long total = Math.round(seconds);
    long h = total / 3600;
    long m = total % 3600 / 60;
    long sec = total % 60;
    return (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + sec + "s";
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }
}
