package io.rescuefleet.station.engine;

import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.Plan;

/**
 * Follows one engine run: phases, the plan, each action's start, progress and end, and throughput
 * samples at the configured interval (the operator's {@code throughputIntervalSeconds}). Calls may come
 * from worker threads; implementations must be thread-safe and quick.
 */
public interface EngineListener {
  /** A listener that ignores everything. */
  EngineListener NONE = new EngineListener() {};

  /** The run entered a phase: {@code observe}, {@code verify}, {@code plan}, {@code execute} or {@code recheck}. */
  default void phase(String phase) {}

  default void planned(Plan plan) {}

  default void actionStarted(int index, int count, Action action) {}

  /** {@code bytesTotal} is -1 when unknown. */
  default void actionProgress(Action action, long bytesDone, long bytesTotal) {}

  default void actionFinished(ActionReport report) {}

  /** Bytes hashed so far by the verification pass, of {@code bytesTotal}. */
  default void verifyProgress(long bytesDone, long bytesTotal) {}

  /** Bytes moved in an interval; write samples measure what reached the stick, read samples what came from it. */
  default void sample(ThroughputSample sample) {}

  /**
   * The stick's identity from its manifest, after every observation (so also once the run wrote a new
   * one): the drive UUID and the RescueDrive last applied, both null without a valid manifest.
   */
  default void manifestObserved(String driveUuid, String driveKey) {}
}
