package io.rescuefleet.station.engine;

import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.plan.Plan;
import io.rescuefleet.station.plan.PlanNote;
import io.rescuefleet.station.wtg.WtgStatus;
import java.util.List;

/**
 * How a run ended. {@code converged}: a fresh observation after the last action found nothing left
 * to do. {@code bytesWritten} is what reached the stick (the device's own count, fsync and filesystem
 * metadata included); {@code writeMBps}/{@code readMBps} are over the writing/reading actions.
 * {@code driftDetected}: the stick was last converged to this very spec, yet differed from it.
 *
 * @param plan the first plan of the run (what {@code diff} shows), null if the run failed before planning
 * @param failure why it did not converge, or null
 * @param windowsToGo the Windows To Go systems as last observed
 */
public record EngineResult(
    String driveKey,
    String device,
    boolean converged,
    Plan plan,
    List<ActionReport> actions,
    long bytesWritten,
    long bytesRead,
    double writeMBps,
    double readMBps,
    VerifyReport verify,
    boolean driftDetected,
    boolean driftCorrected,
    List<PlanNote> notes,
    List<String> unmanaged,
    String appliedDigest,
    long lifetimeBytesWritten,
    String filesystemDriver,
    double seconds,
    Failure failure,
    List<WtgStatus> windowsToGo) {

  public EngineResult {
    actions = List.copyOf(actions);
    notes = List.copyOf(notes);
    unmanaged = List.copyOf(unmanaged);
    windowsToGo = windowsToGo == null ? List.of() : List.copyOf(windowsToGo);
  }

  /** The copies this run hashed again from the device after writing them; {@link #verify()} is the drift pass. */
  public ReadBackReport readBack() {
    return ReadBackReport.of(actions, failure);
  }

  /** Bytes written by one kind of action (e.g. {@code CopyFile}). */
  public long bytesWrittenBy(String type) {
    return actions.stream().filter(a -> a.type().equals(type) && a.ok()).mapToLong(ActionReport::bytes).sum();
  }
}
