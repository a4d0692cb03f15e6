package io.rescuefleet.operator.fleet;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.wire.ReportBatch.EntryState;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.Progress;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.api.wire.ReportBatch.WindowsToGoState;
import io.rescuefleet.operator.policy.ThroughputStats;
import io.rescuefleet.operator.policy.VerifyPlan;
import java.time.Instant;
import java.util.List;

/**
 * An immutable copy of what stations reported about one stick, aggregated: the input of the drive
 * controller's status and alert decisions.
 *
 * @param reportedPhase the station's phase for {@code reportedInsertion}, or null before any report
 * @param write throughput of the admitted write samples over the policy's window
 * @param windowsToGo the Windows To Go systems last reported on the stick, null when never reported
 * @param sequenceMarks the highest report sequence applied per recent insertion, least recent first
 */
public record DriveRuntime(
    DrivePhase reportedPhase,
    String reportedInsertion,
    String station,
    String port,
    String serial,
    Instant lastSeen,
    Progress progress,
    List<EntryState> entries,
    long bytesWritten,
    Double lastWriteMBps,
    Double lastReadMBps,
    VerifyResult lastVerify,
    long driftCorrections,
    String appliedDigest,
    Outcome lastOutcome,
    int consecutiveFailures,
    ThroughputStats write,
    ThroughputStats read,
    VerifyPlan verifyPlan,
    List<DriftRecord> driftHistory,
    List<WindowsToGoState> windowsToGo,
    List<SequenceMark> sequenceMarks) {}
