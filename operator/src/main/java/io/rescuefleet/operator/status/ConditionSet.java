package io.rescuefleet.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The conditions of one status being rebuilt: starts from the previous list and takes the new value
 * of each condition; keeps {@code lastTransitionTime} when a condition's status is unchanged and
 * records a {@link Transition} when it changed. Made by {@link ConditionAggregator}.
 */
public final class ConditionSet {
  private final Map<String, Condition> previous = new LinkedHashMap<>();
  private final Map<String, Condition> current = new LinkedHashMap<>();
  private final List<Transition> transitions = new ArrayList<>();
  private final String now;
  private final Long observedGeneration;

  ConditionSet(List<Condition> previousConditions, Instant now, Long observedGeneration) {
    if (previousConditions != null) {
      for (Condition c : previousConditions) {
        if (c != null && c.getType() != null) {
          previous.put(c.getType(), c);
        }
      }
    }
    this.now = format(now);
    this.observedGeneration = observedGeneration;
  }

  /** Sets condition {@code type}; returns this for chaining. */
  public ConditionSet set(String type, ConditionStatus status, String reason, String message) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Condition before = previous.get(type);
    ConditionStatus was = before == null ? null : parse(before.getStatus());
    boolean changed = was != status;
    Condition c = new Condition();
    c.setType(type);
    c.setStatus(status.name());
    c.setReason(reason);
    c.setMessage(message == null ? "" : message);
    c.setObservedGeneration(observedGeneration);
    c.setLastTransitionTime(changed || before.getLastTransitionTime() == null ? now : before.getLastTransitionTime());
    current.put(type, c);
    if (changed) {
      transitions.add(new Transition(type, was, status, reason, c.getMessage()));
    }
    return this;
  }

  /** The condition as set in this pass, if it was. */
  public Optional<Condition> get(String type) {
    return Optional.ofNullable(current.get(type));
  }

  /** When condition {@code type} last changed status, as set in this pass. */
  public Optional<Instant> since(String type) {
    return get(type).map(Condition::getLastTransitionTime).map(Instant::parse);
  }

  public boolean isTrue(String type) {
    return get(type).map(c -> ConditionStatus.True.name().equals(c.getStatus())).orElse(false);
  }

  /**
   * The resulting list, in the order conditions were set. Conditions present before but not set in
   * this pass are dropped: every pass sets every condition it owns.
   */
  public List<Condition> conditions() {
    return List.copyOf(current.values());
  }

  public List<Transition> transitions() {
    return List.copyOf(transitions);
  }

  static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  private static ConditionStatus parse(String status) {
    if (status == null) {
      return null;
    }
    try {
      return ConditionStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
