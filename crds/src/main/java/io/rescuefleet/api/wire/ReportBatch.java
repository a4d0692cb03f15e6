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
      List<EntryState> entries) {}

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
