package io.rescuefleet.operator.fleet;

import java.util.List;

/**
 * What folding one report into a drive's state changed, for metrics and status coalescing.
 *
 * @param applied false when the report's sequence was applied before
 * @param changed the report changed something the status shows; a report that only repeats the
 *     known state (a station's periodic re-observation) costs no reconcile
 * @param phaseChanged the station's phase (or the insertion) changed: the status is written now
 * @param admitted throughput samples admitted by the policy's interval, as MB/s per direction
 * @param dropped samples that came faster than the policy's interval
 * @param bytesWritten bytes added to the stick's lifetime count
 */
public record ReportEffect(
    boolean applied,
    boolean changed,
    boolean phaseChanged,
    List<Double> admittedWriteMBps,
    List<Double> admittedReadMBps,
    int dropped,
    long bytesWritten,
    boolean driftDetected,
    boolean driftCorrected,
    int verifyMismatches) {

  public static final ReportEffect DUPLICATE = new ReportEffect(false, false, false, List.of(), List.of(), 0, 0, false, false, 0);
}
