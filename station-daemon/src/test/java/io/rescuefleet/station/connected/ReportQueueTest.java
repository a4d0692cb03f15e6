package io.rescuefleet.station.connected;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportQueueTest {
  @TempDir Path dir;

  @Test
  void reportsMadeOnSeveralThreadsEnterTheOutboxInTheOrderTheyWereNumbered() throws Exception {
    Outbox outbox = new Outbox(dir, 1000);
    ReportQueue queue = new ReportQueue(outbox);
    AtomicLong sequence = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      // As the daemon's report loop and a run finishing: each numbers a report, then takes a moment.
      for (int t = 0; t < 2; t++) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < 60; i++) {
            queue.enqueue(() -> {
              DriveReport r = report(sequence.incrementAndGet());
              sleepMicros(200);
              return List.of(r);
            });
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
    List<Long> order = new ArrayList<>();
    while (outbox.head().isPresent()) {
      Outbox.Entry e = outbox.head().orElseThrow();
      e.batch().reports().forEach(r -> order.add(r.sequence()));
      outbox.remove(e);
    }
    assertThat(order).hasSize(120).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void nothingIsQueuedWhenNoReportIsMade() {
    Outbox outbox = new Outbox(dir, 10);
    new ReportQueue(outbox).enqueue(List::of);
    assertThat(outbox.size()).isZero();
  }

  private static DriveReport report(long sequence) {
    return new DriveReport("ops/d1", "S1", "1-2.3", "ins-1", sequence, DrivePhase.Reconciling, "2026-11-25T00:00:00Z",
        null, List.of(), null, List.of(), null, 0, null);
  }

  private static void sleepMicros(long micros) {
    try {
      Thread.sleep(micros / 1000, (int) (micros % 1000 * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
