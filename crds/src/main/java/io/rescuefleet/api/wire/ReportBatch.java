package io.rescuefleet.api.wire;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import java.util.List;

/** Reports a station sends, in order; {@code batchId} makes a resent batch apply once. */
public record ReportBatch(String batchId, List<DriveReport> reports) {

  /**
   * What happened to one stick since the last report. {@code sequence} starts at 1 and strictly
   * increases per stick insertion ({@code serial} + {@code insertionId}); the operator ignores a
   * report whose sequence it has already applied. {@code phase} is one the station observes:
   * Absent, Reconciling, Ready, Drifted or Failed. {@code entries}, when present, is the state of
   * every catalog entry on the stick (omitted: unchanged since the last report).
   * {@code lifetimeBytesWritten} is the stick manifest's lifetime count, in the same unit as
   * {@link Outcome#bytesWritten()}: bytes that reached the device by its own write counter.
   * {@code windowsToGo}, when present, is every Windows To Go system found on the stick (empty: none;
   * omitted: not observed since the last report).
   */
  public record DriveReport(
      String driveKey,
      String serial,
      String port,
      String insertionId,
      long sequence,
      DrivePhase phase,
      String time,
      Progress progress,
      List<ActionResult> actions,
      VerifyResult verify,
      List<ThroughputSample> samples,
      Outcome outcome,
      long lifetimeBytesWritten,
      List<EntryState> entries,
      List<WindowsToGoState> windowsToGo) {

    /** A report without Windows To Go state, as stations sent before it was reported. */
    public DriveReport(String driveKey, String serial, String port, String insertionId, long sequence, DrivePhase phase,
        String time, Progress progress, List<ActionResult> actions, VerifyResult verify, List<ThroughputSample> samples,
        Outcome outcome, long lifetimeBytesWritten, List<EntryState> entries) {
      this(driveKey, serial, port, insertionId, sequence, phase, time, progress, actions, verify, samples, outcome,
          lifetimeBytesWritten, entries, null);
    }
  }

  /**
   * One Windows To Go system on the stick, as its marker says, never as a run meant it to be.
   * {@code state}: {@code applied}, {@code damaged} (sampled files differ from the image),
   * {@code incomplete} (no marker: never applied, or interrupted) or {@code unusable}.
   * {@code bootConfiguration}: {@code Generated} (EFI boot files and a BCD store, as bcdboot makes them)
   * or {@code NotGenerated}, with {@code bootConfigurationReason} saying why; null when unknown.
   *
   * @param target Partition or VhdFile
   * @param location where it is: {@code partition 3} or the VHD's path on the data partition
   * @param appliedAt when it was applied (RFC 3339)
   */
  public record WindowsToGoState(
      String target,
      String location,
      String state,
      String detail,
      String profile,
      String imageSha256,
      Integer imageIndex,
      String imageName,
      String edition,
      String bootConfiguration,
      String bootConfigurationReason,
      String appliedAt) {}

  /** One catalog entry on the stick: Pending, Syncing, Synced, Failed or Mismatch, and the SHA-256 found. */
  public record EntryState(String name, String state, String sha256) {}

  /** Bytes done of bytes to do, with an estimate of the time left. */
  public record Progress(long bytesDone, long bytesTotal, Double etaSeconds) {}

  /** One executed action. */
  public record ActionResult(String type, String path, long bytes, double seconds, boolean ok, String error) {}

  /** One verification. */
  public record VerifyResult(VerifyMode mode, int filesChecked, long bytesHashed, int mismatches, double readMBps, String time) {}

  /** One throughput sample: {@code bytes} moved in {@code seconds}, ending at {@code time}. */
  public record ThroughputSample(Direction direction, String time, long bytes, double seconds) {
    public double mbps() {
      return seconds <= 0 ? 0 : bytes / seconds / 1_000_000.0;
    }
  }

  /** Whether a sample measured writing to or reading from the stick. */
  public enum Direction {
    write,
    read
  }

  /**
   * How a reconcile ended. {@code bytesWritten} is what this run wrote to the device (its own write
   * counter, filesystem metadata and the manifest included). {@code reason} is a CamelCase condition
   * reason when it failed (e.g. {@code SourceFailed}, {@code VerifyFailed}, {@code DeviceRefused}).
   */
  public record Outcome(
      boolean converged,
      long bytesWritten,
      boolean driftDetected,
      boolean driftCorrected,
      String appliedDigest,
      String reason,
      String message) {}
}
