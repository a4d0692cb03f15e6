package io.rescuefleet.operator.fleet;

import io.rescuefleet.operator.policy.ThroughputStats;

/**
 * The admitted throughput samples of one stick and direction that still fall in the policy's window,
 * in a ring of primitives (nothing is allocated until the first sample). Times are the station's, so
 * a stick that stops writing keeps the verdict of its last window. Not thread-safe: guarded by the
 * owning {@link DriveState}.
 */
final class ThroughputWindow {
  /** More samples than any sane window holds at the policy's shortest interval; bounds memory. */
  private static final int MAX_SAMPLES = 4096;

  private long[] endMillis;
  private long[] bytes;
  private double[] seconds;
  private int head;
  private int size;

  void add(long sampleEndMillis, long sampleBytes, double sampleSeconds, double windowSeconds) {
    if (endMillis == null) {
      endMillis = new long[16];
      bytes = new long[16];
      seconds = new double[16];
    }
    evictBefore(sampleEndMillis - Math.round(windowSeconds * 1000));
    if (size == endMillis.length) {
      if (size == MAX_SAMPLES) {
        head = (head + 1) % size;
        size--;
      } else {
        grow();
      }
    }
    int slot = (head + size) % endMillis.length;
    endMillis[slot] = sampleEndMillis;
    bytes[slot] = sampleBytes;
    seconds[slot] = sampleSeconds;
    size++;
  }

  /** Mean throughput of the samples ending within {@code windowSeconds} of the newest one. */
  ThroughputStats stats(double windowSeconds) {
    if (size == 0) {
      return ThroughputStats.NONE;
    }
    long newest = endMillis[(head + size - 1) % endMillis.length];
    long from = newest - Math.round(windowSeconds * 1000);
    long totalBytes = 0;
    double totalSeconds = 0;
    for (int i = 0; i < size; i++) {
      int slot = (head + i) % endMillis.length;
      if (endMillis[slot] >= from) {
        totalBytes += bytes[slot];
        totalSeconds += seconds[slot];
      }
    }
    return totalSeconds <= 0 ? ThroughputStats.NONE : new ThroughputStats(totalBytes / totalSeconds / 1_000_000d, totalSeconds);
  }

  private void evictBefore(long cutoffMillis) {
    while (size > 0 && endMillis[head] < cutoffMillis) {
      head = (head + 1) % endMillis.length;
      size--;
    }
  }

  private void grow() {
    int capacity = Math.min(MAX_SAMPLES, endMillis.length * 2);
    long[] e = new long[capacity];
    long[] b = new long[capacity];
    double[] s = new double[capacity];
    for (int i = 0; i < size; i++) {
      int slot = (head + i) % endMillis.length;
      e[i] = endMillis[slot];
      b[i] = bytes[slot];
      s[i] = seconds[slot];
    }
    endMillis = e;
    bytes = b;
    seconds = s;
    head = 0;
  }
}
