package io.rescuefleet.station.engine;

import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.observe.ObservedDrive;
import io.rescuefleet.station.plan.Plan;
import io.rescuefleet.station.plan.PlanNote;
import io.rescuefleet.station.wtg.WtgStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one engine run has learned so far; becomes its {@link EngineResult}. */
final class RunState {
  final String driveKey;
  final String device;
  final long startedNanos = System.nanoTime();
  final List<ActionReport> reports = new ArrayList<>();
  final List<PlanNote> extraNotes = new ArrayList<>();
  Plan firstPlan;
  Plan lastPlan;
  ObservedDrive lastObserved;
  VerifyReport verify;
  boolean previouslyApplied;
  boolean converged;
  long bytesWritten = -1;
  long bytesReadByVerify;
  String driver;
  Failure failure;

  RunState(String driveKey, String device) {
    this.driveKey = driveKey;
    this.device = device;
  }

  EngineResult result() {
    long written = bytesWritten >= 0 ? bytesWritten
        : reports.stream().filter(r -> r.direction() == Direction.write).mapToLong(ActionReport::bytes).sum();
    long writeBytes = reports.stream().filter(r -> r.direction() == Direction.write && r.ok()).mapToLong(ActionReport::bytes).sum();
    double writeSeconds = reports.stream().filter(r -> r.direction() == Direction.write && r.ok()).mapToDouble(ActionReport::seconds).sum();
    long readBytes = bytesReadByVerify
        + reports.stream().filter(r -> r.direction() == Direction.read).mapToLong(ActionReport::bytes).sum();
    double readSeconds = (verify == null ? 0 : verify.seconds())
        + reports.stream().filter(r -> r.direction() == Direction.read).mapToDouble(ActionReport::seconds).sum();
    boolean drift = previouslyApplied && firstPlan != null && firstPlan.writes() && firstPlan.actions().stream()
        .anyMatch(a -> a.writesToStick() && !(a instanceof io.rescuefleet.station.plan.WriteManifest m && m.bookkeeping()));
    List<PlanNote> notes = new ArrayList<>(lastPlan == null ? List.of() : lastPlan.notes());
    notes.addAll(extraNotes);
    Optional<StickManifest> manifest = lastObserved == null ? Optional.empty()
        : lastObserved.volumeState().flatMap(v -> v.manifest().valid());
    return new EngineResult(driveKey, device, converged && failure == null, firstPlan, reports, Math.max(0, written),
        readBytes, writeSeconds <= 0 ? 0 : writeBytes / writeSeconds / 1e6, readSeconds <= 0 ? 0 : readBytes / readSeconds / 1e6,
        verify, drift, drift && converged && failure == null, notes,
        lastPlan == null ? List.of() : lastPlan.unmanaged(),
        manifest.map(StickManifest::specDigest).orElse(null),
        manifest.map(StickManifest::lifetimeBytesWritten).orElse(0L), driver,
        (System.nanoTime() - startedNanos) / 1e9, failure,
        lastObserved == null ? List.of() : WtgStatus.of(lastObserved.wtg()));
  }

  void fail(String reason, String message, FailureKind kind) {
    if (failure == null) {
      failure = new Failure(reason, message, kind);
    }
  }
}
