package io.rescuefleet.operator.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rescuefleet.api.v1alpha1.ResourceStatus;
import io.rescuefleet.api.validate.ManifestValidator;
import io.rescuefleet.api.validate.Problem;
import io.rescuefleet.operator.events.EventRecorder;
import io.rescuefleet.operator.status.ConditionAggregator;
import io.rescuefleet.operator.status.ConditionSet;
import io.rescuefleet.operator.status.ConditionStatus;
import io.rescuefleet.operator.status.ConditionTypes;
import io.rescuefleet.operator.status.Transition;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the IsoCatalog, WtgProfile and FleetPolicy controllers share: validation into Valid and Ready
 * conditions (with a Warning Event when an object turns invalid) and the list of drives using it,
 * capped so a status stays small however many drives share one catalog.
 */
final class UsageRecorder {
  /** Names listed in usedBy; driveCount always has the full number. */
  static final int MAX_USED_BY = 100;

  private final ManifestValidator validator;
  private final ConditionAggregator conditions;
  private final EventRecorder events;

  UsageRecorder(ManifestValidator validator, ConditionAggregator conditions, EventRecorder events) {
    this.validator = validator;
    this.conditions = conditions;
    this.events = events;
  }

  /** Validates {@code object} and returns its conditions, emitting Events for changes worth one. */
  List<Condition> conditions(HasMetadata object, ResourceStatus previous, int users) {
    List<Problem> problems = validator.validate(object);
    ConditionSet cs = conditions.from(previous == null ? null : previous.conditions, object.getMetadata().getGeneration());
    if (problems.isEmpty()) {
      cs.set(ConditionTypes.VALID, ConditionStatus.True, "Valid", "spec is valid");
      cs.set(ConditionTypes.READY, ConditionStatus.True, "Ready", "used by " + users + " RescueDrive(s)");
    } else {
      String message = problems.stream().limit(5).map(Problem::toString).collect(Collectors.joining("; "))
          + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : "");
      cs.set(ConditionTypes.VALID, ConditionStatus.False, "InvalidSpec", message);
      cs.set(ConditionTypes.READY, ConditionStatus.False, "InvalidSpec", "drives using it cannot resolve");
    }
    for (Transition t : cs.transitions()) {
      if (ConditionTypes.VALID.equals(t.type()) && t.to() == ConditionStatus.False) {
        events.warning(object, t.reason(), t.message());
      } else if (ConditionTypes.VALID.equals(t.type()) && t.from() == ConditionStatus.False) {
        events.normal(object, "SpecValid", t.message());
      }
    }
    return cs.conditions();
  }

  /** Drive names (keys are namespace/name in the object's namespace), sorted and capped. */
  static List<String> usedBy(Set<String> driveKeys) {
    return driveKeys.stream().map(k -> k.substring(k.indexOf('/') + 1)).sorted().limit(MAX_USED_BY).toList();
  }
}
