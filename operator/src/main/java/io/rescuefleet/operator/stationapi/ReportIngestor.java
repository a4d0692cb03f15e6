package io.rescuefleet.operator.stationapi;

import io.rescuefleet.api.wire.ReportAck;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.operator.directory.DriveDirectory;
import io.rescuefleet.operator.fleet.DriveState;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.fleet.ReportEffect;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import io.rescuefleet.operator.trigger.ReconcileTriggers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a station's report batch: once per batch id (a resent batch is acknowledged, not
 * re-applied) and once per report (each drive's state knows the sequences it applied, also across
 * operator restarts, through the status), all or nothing (every report must concern a drive bound to this station), folding
 * each report into its drive's state and asking for a coalesced status write. Batches of one
 * station are applied one at a time.
 */
public final class ReportIngestor {
  /** Batch ids remembered per station; a station resends only its few newest batches. */
  static final int REMEMBERED_BATCHES = 4096;

  private final FleetState fleet;
  private final DriveDirectory drives;
  private final ReconcileTriggers triggers;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final ConcurrentHashMap<String, Ledger> ledgers = new ConcurrentHashMap<>();

  public ReportIngestor(FleetState fleet, DriveDirectory drives, ReconcileTriggers triggers, OperatorMetrics metrics,
      Clock clock) {
    this.fleet = fleet;
    this.drives = drives;
    this.triggers = triggers;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Applies a validated batch from an authenticated station; throws a 403 {@link ApiException}
   * naming the report, or a 503 while a drive it names has not been reconciled by this operator yet
   * (just started: its state from the status and the drive's binding are not known yet).
   */
  public ReportAck ingest(String station, ReportBatch batch) {
    Ledger ledger = ledgers.computeIfAbsent(station, s -> new Ledger());
    Map<String, Boolean> touched = new LinkedHashMap<>();
    ReportAck ack;
    synchronized (ledger) {
      ReportAck seen = ledger.get(batch.batchId());
      if (seen != null) {
        metrics.reportsDuplicate(station, batch.reports().size());
        return new ReportAck(seen.batchId(), seen.applied(), true);
      }
      List<DriveState> drives = authorize(station, batch.reports());
      Instant now = clock.instant();
      int applied = 0;
      int duplicates = 0;
      for (int i = 0; i < batch.reports().size(); i++) {
        DriveReport report = batch.reports().get(i);
        ReportEffect effect = drives.get(i).apply(report, station, now);
        if (!effect.applied()) {
          metrics.reportsDuplicate(station, 1);
          duplicates++;
          continue;
        }
        applied++;
        metrics.reportIngested(station);
        metrics.samples(station, effect.admittedWriteMBps(), effect.admittedReadMBps(), effect.dropped());
        metrics.bytesWritten(station, effect.bytesWritten());
        metrics.drift(station, effect.driftDetected(), effect.driftCorrected());
        metrics.verifyMismatches(station, effect.verifyMismatches());
        if (effect.changed()) {
          touched.merge(report.driveKey(), effect.phaseChanged(), Boolean::logicalOr);
        }
      }
      // Every report known by its sequence: the batch was applied before, e.g. by the previous operator.
      ack = new ReportAck(batch.batchId(), applied, !batch.reports().isEmpty() && duplicates == batch.reports().size());
      ledger.put(batch.batchId(), ack);
    }
    touched.forEach(triggers::drive);
    return ack;
  }

  private List<DriveState> authorize(String station, List<DriveReport> reports) {
    List<DriveState> states = new ArrayList<>(reports.size());
    for (int i = 0; i < reports.size(); i++) {
      DriveReport r = reports.get(i);
      DriveState known = fleet.existingDrive(r.driveKey()).filter(DriveState::decidedOnce).orElse(null);
      if (known == null && drives.exists(r.driveKey())) {
        throw ApiException.unavailable("reports[" + i + "].driveKey",
            "RescueDrive " + r.driveKey() + " is not reconciled yet since the operator started; retry");
      }
      DriveState drive = known == null || !known.reportableFrom(station) ? null : known;
      if (drive == null) {
        throw ApiException.forbidden("reports[" + i + "].driveKey",
            "RescueDrive " + r.driveKey() + " is not bound to station " + station);
      }
      String bound = drive.boundSerial();
      if (bound != null && !bound.equals(r.serial())) {
        throw ApiException.forbidden("reports[" + i + "].serial",
            "RescueDrive " + r.driveKey() + " is bound to stick " + bound + ", not " + r.serial());
      }
      states.add(drive);
    }
    return states;
  }

  /** The newest batch ids of one station and what they were answered. */
  private static final class Ledger extends LinkedHashMap<String, ReportAck> {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ReportAck> eldest) {
      return size() > REMEMBERED_BATCHES;
    }
  }
}
