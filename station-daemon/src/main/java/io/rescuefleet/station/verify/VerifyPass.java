package io.rescuefleet.station.verify;

import io.rescuefleet.api.v1alpha1.VerifyMode;

/**
 * One verification pass over a stick: the mode, what was hashed from the device and how fast, how
 * the bytes were read (see {@link ReadPath}), and where the next Sampled pass starts.
 */
public record VerifyPass(
    VerifyMode mode,
    int filesChecked,
    long bytesHashed,
    int mismatches,
    double seconds,
    ReadPath readPath,
    long nextSampleCursor) {

  public static VerifyPass none(VerifyMode mode, long cursor) {
    return new VerifyPass(mode, 0, 0, 0, 0, ReadPath.NONE, cursor);
  }

  public double readMBps() {
    return seconds <= 0 ? 0 : bytesHashed / seconds / 1_000_000.0;
  }
}
