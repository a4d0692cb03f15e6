package io.rescuefleet.operator.testing;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.Progress;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import java.time.Instant;
import java.util.List;

/** Station API bodies for tests. */
public final class Wire {
  private Wire() {}

  public static StickInfo stick(String serial, String port, String insertionId) {
    return new StickInfo(serial, port, "Kingston", "DataTraveler", 32_000_000_000L, null, null, insertionId);
  }

  public static Heartbeat heartbeat(StickInfo... sticks) {
    return new Heartbeat("test/1.0", Instant.now().toString(), List.of(sticks));
  }

  public static DriveReport report(String driveKey, String serial, String port, String insertion, long sequence,
      DrivePhase phase, Progress progress, List<ThroughputSample> samples, VerifyResult verify, Outcome outcome,
      long lifetimeBytes) {
    return new DriveReport(driveKey, serial, port, insertion, sequence, phase, Instant.now().toString(), progress,
        List.of(), verify, samples, outcome, lifetimeBytes, null);
  }

  public static DriveReport progress(String driveKey, String serial, String port, String insertion, long sequence,
      long done, long total) {
    return report(driveKey, serial, port, insertion, sequence, DrivePhase.Reconciling, new Progress(done, total, 10.0),
        List.of(), null, null, 0);
  }

  public static ReportBatch batch(String id, DriveReport... reports) {
    return new ReportBatch(id, List.of(reports));
  }
}
