package io.rescuefleet.station.connected;

import io.rescuefleet.api.wire.ReportAck;
import io.rescuefleet.api.wire.ReportBatch;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to the operator strictly in order: the head is removed only once acknowledged
 * (a resend of an applied batch is acknowledged as a duplicate), a retryable failure stops the
 * drain until the next attempt, and a batch the operator refuses for good is set aside.
 */
public final class OutboxSender {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

  /** Where batches go: the operator client in production. */
  @FunctionalInterface
  public interface Sink {
    ReportAck send(ReportBatch batch);
  }

  private final Outbox outbox;
  private final Sink sink;
  private long sent;
  private long duplicates;

  public OutboxSender(Outbox outbox, Sink sink) {
    this.outbox = outbox;
    this.sink = sink;
  }

  /**
   * Sends queued batches until the outbox is empty or a retryable failure occurs.
   *
   * @return true when the outbox is empty
   */
  public boolean drain() {
    Optional<Outbox.Entry> head;
    while ((head = outbox.head()).isPresent()) {
      Outbox.Entry entry = head.get();
      try {
        ReportAck ack = sink.send(entry.batch());
        outbox.remove(entry);
        sent++;
        if (ack != null && ack.duplicate()) {
          duplicates++;
        }
      } catch (OperatorCallException e) {
        if (e.retryable()) {
          LOG.debug("report delivery deferred batchId={} reason={}", entry.batch().batchId(), e.getMessage());
          return false;
        }
        if (e.httpStatus() == 401) {
          // A wrong token is fixed by a person or a rotated Secret (re-read by TokenFile); keep the batch.
          LOG.warn("operator refused the station token; reports are kept until it is accepted");
          return false;
        }
        outbox.reject(entry, e.getMessage());
      }
    }
    return true;
  }

  /** Batches acknowledged so far. */
  public long sentCount() {
    return sent;
  }

  /** Batches the operator had already applied (a resend after a lost acknowledgement). */
  public long duplicateCount() {
    return duplicates;
  }

  /** Exponential backoff between failed drains, capped. */
  public static Duration backoff(int failures) {
    long millis = Math.min(30_000, 250L << Math.min(failures, 7));
    return Duration.ofMillis(millis);
  }
}
