package io.rescuefleet.operator.policy;

import java.time.Instant;

/**
 * Admits a throughput sample only when it ends at least one policy interval after the last admitted
 * one of the same stick and direction, so stations cannot sample faster than the policy allows. 5 %
 * slack absorbs timer jitter on the station. Pure.
 */
public final class SampleGate {
  private static final double JITTER_SLACK = 0.95;

  private SampleGate() {}

  public static boolean admits(Instant lastAdmitted, Instant sampleEnd, double intervalSeconds) {
    if (lastAdmitted == null) {
      return true;
    }
    long minimumMillis = Math.round(intervalSeconds * 1000 * JITTER_SLACK);
    return sampleEnd.toEpochMilli() - lastAdmitted.toEpochMilli() >= minimumMillis;
  }
}
