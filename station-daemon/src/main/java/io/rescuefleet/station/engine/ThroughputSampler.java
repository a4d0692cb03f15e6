package io.rescuefleet.station.engine;

import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns a stream of "n more bytes" into throughput samples of at least one interval each, per
 * direction. Thread-safe; the sample is emitted by whichever thread crosses the interval.
 */
final class ThroughputSampler {
  private final long intervalNanos;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Consumer<ThroughputSample> sink;
  private final Map<Direction, long[]> open = new EnumMap<>(Direction.class);
  /** When the work being measured began, if {@link #begin} said so; windows opened before the first bytes start there. */
  private long begunAt = -1;

  ThroughputSampler(Duration interval, Clock clock, LongSupplier nanoTime, Consumer<ThroughputSample> sink) {
    this.intervalNanos = Math.max(1, interval.toNanos());
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.sink = sink;
  }

  void add(Direction direction, long bytes) {
    ThroughputSample due = null;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      long[] window = open.computeIfAbsent(direction, d -> new long[] {begunAt >= 0 ? begunAt : now, 0});
      window[1] += bytes;
      if (now - window[0] >= intervalNanos) {
        due = new ThroughputSample(direction, clock.instant().toString(), window[1], (now - window[0]) / 1e9);
        window[0] = now;
        window[1] = 0;
      }
    }
    if (due != null) {
      sink.accept(due);
    }
  }

  /**
   * Marks the start of a piece of work (an action, a verification): the first window opened after it
   * starts here, so the time the first chunk took counts along with its bytes.
   */
  synchronized void begin() {
    begunAt = nanoTime.getAsLong();
  }

  /** Emits what is left of every open window (at the end of an action). */
  void flush() {
    java.util.List<ThroughputSample> due = new java.util.ArrayList<>();
    synchronized (this) {
      long now = nanoTime.getAsLong();
      open.forEach((direction, window) -> {
        if (window[1] > 0) {
          due.add(new ThroughputSample(direction, clock.instant().toString(), window[1], Math.max(1e-9, (now - window[0]) / 1e9)));
        }
      });
      open.clear();
      begunAt = -1;
    }
    due.forEach(sink);
  }
}
