package io.rescuefleet.station.engine;

import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.execute.VerifyFailedException;
import java.util.List;

/**
 * The read-back verification of a run: the files it copied, hashed again from the device after
 * writing ({@code VerifyFile} actions). Separate from the drift-detection pass ({@link VerifyReport}),
 * which checks what was already on the stick; on a fresh stick all the hashing is read-back.
 */
public record ReadBackReport(int filesChecked, long bytesHashed, int mismatches, double seconds) {
  static final String ACTION = "VerifyFile";

  /** From a run's action reports; a failed read-back is a mismatch when the run failed as {@code VerifyFailed}. */
  static ReadBackReport of(List<ActionReport> actions, Failure failure) {
    List<ActionReport> readBacks = actions.stream().filter(a -> a.type().equals(ACTION)).toList();
    int ok = (int) readBacks.stream().filter(ActionReport::ok).count();
    // The executor stops at the first failure, so at most one read-back failed, and the run's reason says why.
    int mismatches = readBacks.size() > ok && failure != null && VerifyFailedException.REASON.equals(failure.reason()) ? 1 : 0;
    return new ReadBackReport(ok + mismatches, readBacks.stream().mapToLong(ActionReport::bytes).sum(), mismatches,
        readBacks.stream().mapToDouble(ActionReport::seconds).sum());
  }

  public double readMBps() {
    return seconds <= 0 ? 0 : bytesHashed / seconds / 1_000_000.0;
  }
}
