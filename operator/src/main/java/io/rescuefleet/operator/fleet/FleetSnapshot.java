package io.rescuefleet.operator.fleet;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.ReportBatch.Progress;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.operator.policy.AlertKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The fleet at one instant: every station with what sits in its ports, and every drive the operator tracks. */
public record FleetSnapshot(Instant time, List<StationView> stations, List<DriveView> drives) {

  /** A station: online by the heartbeat timeout, and its labelled or occupied ports, by port path. */
  public record StationView(String name, boolean online, Instant lastHeartbeat, String agentVersion,
      List<PortView> ports) {}

  /**
   * A port: its label, the stick in it with its drive UUID from its manifest (null until the station
   * has read one this insertion), and the drive bound to that stick (each null when there is none).
   */
  public record PortView(String port, String label, String serial, String vendor, String model, long sizeBytes,
      String driveUuid, String drive) {}

  /** A drive with the live figures behind its status, and its policy's throughput minimums to judge them by. */
  public record DriveView(
      String key,
      DrivePhase phase,
      String station,
      String port,
      String serial,
      Instant lastSeen,
      Progress progress,
      Double lastWriteMBps,
      Double lastReadMBps,
      double minWriteMBps,
      double minReadMBps,
      long bytesWritten,
      VerifyResult lastVerify,
      VerifyMode verifyDue,
      Set<AlertKind> alerts,
      boolean quarantined,
      long driftCorrections,
      List<DriftRecord> driftHistory) {}
}
