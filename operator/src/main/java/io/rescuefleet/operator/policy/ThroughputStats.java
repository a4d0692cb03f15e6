package io.rescuefleet.operator.policy;

/**
 * Throughput over a window: mean MB/s (10^6 bytes per second) of the admitted samples and the
 * seconds they cover. {@link #NONE} when no sample fell in the window.
 */
public record ThroughputStats(double meanMBps, double coveredSeconds) {
  public static final ThroughputStats NONE = new ThroughputStats(0, 0);
}
