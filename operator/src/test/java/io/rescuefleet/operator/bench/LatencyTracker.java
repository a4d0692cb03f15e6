package io.rescuefleet.operator.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures report-to-status latency: each sent report is remembered with its progress marker
 * (bytesDone, increasing per drive); when a status showing a marker at least that large is seen,
 * every report up to it is confirmed and its latency recorded.
 */
final class LatencyTracker {
  private record Sent(long marker, long nanos, boolean measured) {}

  private final ConcurrentHashMap<String, ArrayDeque<Sent>> pending = new ConcurrentHashMap<>();
  private final List<Long> latenciesNanos = new ArrayList<>();
  private volatile boolean measuring;
  private long sentMeasured;

  void measuring(boolean on) {
    measuring = on;
  }

  void sent(String driveKey, long marker, long nanos) {
    boolean measured = measuring;
    ArrayDeque<Sent> queue = pending.computeIfAbsent(driveKey, k -> new ArrayDeque<>());
    synchronized (queue) {
      queue.addLast(new Sent(marker, nanos, measured));
    }
    if (measured) {
      synchronized (this) {
        sentMeasured++;
      }
    }
  }

  void observed(String driveKey, long marker, long nanos) {
    ArrayDeque<Sent> queue = pending.get(driveKey);
    if (queue == null) {
      return;
    }
    List<Long> confirmed = new ArrayList<>();
    synchronized (queue) {
      while (!queue.isEmpty() && queue.peekFirst().marker() <= marker) {
        Sent s = queue.pollFirst();
        if (s.measured()) {
          confirmed.add(nanos - s.nanos());
        }
      }
    }
    if (!confirmed.isEmpty()) {
      synchronized (this) {
        latenciesNanos.addAll(confirmed);
      }
    }
  }

  synchronized long sentMeasured() {
    return sentMeasured;
  }

  synchronized long confirmed() {
    return latenciesNanos.size();
  }

  /** The q-quantile in ms; reports never confirmed count as slower than any confirmed one. */
  synchronized double quantileMillis(double q) {
    List<Long> sorted = new ArrayList<>(latenciesNanos);
    sorted.sort(null);
    long total = Math.max(sentMeasured, sorted.size());
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total) - 1;
    if (rank >= sorted.size()) {
      return Double.POSITIVE_INFINITY;
    }
    return sorted.get((int) Math.max(0, rank)) / 1e6;
  }
}
