package io.rescuefleet.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.util.List;

/**
 * The one place conditions change: opens a {@link ConditionSet} over a status's previous
 * conditions at the injected clock's time, so {@code lastTransitionTime} moves only when a
 * condition's status does.
 */
public final class ConditionAggregator {
  private final Clock clock;

  public ConditionAggregator(Clock clock) {
    this.clock = clock;
  }

  public ConditionSet from(List<Condition> previous, Long observedGeneration) {
    return new ConditionSet(previous, clock.instant(), observedGeneration);
  }
}
