package io.rescuefleet.station.connected;

import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Puts report batches into the outbox in the order their reports were numbered. Reports are made
 * (and numbered) and queued under one lock: otherwise a run's last report, numbered after a
 * periodic one, could overtake it into the outbox, and the operator would take the periodic one,
 * arriving with a lower sequence, for a duplicate and drop it.
 */
final class ReportQueue {
  private final Outbox outbox;

  ReportQueue(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Makes reports with {@code make} and queues them as one batch; queues nothing when it makes none. */
  synchronized void enqueue(Supplier<List<DriveReport>> make) {
    List<DriveReport> reports = make.get();
    if (!reports.isEmpty()) {
      outbox.append(new ReportBatch(UUID.randomUUID().toString(), reports));
    }
  }
}
