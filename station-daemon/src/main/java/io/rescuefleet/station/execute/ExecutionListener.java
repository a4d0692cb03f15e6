package io.rescuefleet.station.execute;

import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.station.plan.Action;

/** What the executor tells the engine while it works; called from the executing thread and verify workers. */
public interface ExecutionListener {
  void started(int index, int count, Action action);

  /** {@code bytes} more were moved in {@code direction}. */
  void progress(Action action, Direction direction, long bytes);

  void finished(Action action, ActionReport report);
}
