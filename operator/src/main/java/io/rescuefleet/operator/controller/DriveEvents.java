package io.rescuefleet.operator.controller;

import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.operator.binding.BindingState;
import io.rescuefleet.operator.events.EventRecorder;
import io.rescuefleet.operator.policy.AlertKind;
import io.rescuefleet.operator.status.ConditionStatus;
import io.rescuefleet.operator.status.ConditionTypes;
import io.rescuefleet.operator.status.Transition;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Events a drive's condition changes deserve: Warnings when the spec turns invalid, a binding
 * conflicts, an alert fires or quarantine starts; Normal events when they clear. Routine changes
 * (bound, syncing, ready) show in the status only.
 */
final class DriveEvents {
  private static final Set<String> ALERTS = names();

  private final EventRecorder recorder;

  DriveEvents(EventRecorder recorder) {
    this.recorder = recorder;
  }

  void emit(RescueDrive drive, List<Transition> transitions) {
    for (Transition t : transitions) {
      boolean wasTrue = t.from() == ConditionStatus.True;
      boolean wasFalse = t.from() == ConditionStatus.False;
      if (ConditionTypes.VALID.equals(t.type())) {
        if (t.to() == ConditionStatus.False) {
          recorder.warning(drive, t.reason(), t.message());
        } else if (wasFalse) {
          recorder.normal(drive, "SpecValid", t.message());
        }
      } else if (ConditionTypes.BOUND.equals(t.type())) {
        if (t.to() == ConditionStatus.False && BindingState.Conflict.name().equals(t.reason())) {
          recorder.warning(drive, "BindingConflict", t.message());
        }
      } else if (ALERTS.contains(t.type())) {
        if (t.to() == ConditionStatus.True) {
          recorder.warning(drive, t.type(), t.message());
        } else if (wasTrue) {
          recorder.normal(drive, t.type() + "Cleared", t.message());
        }
      } else if (ConditionTypes.QUARANTINED.equals(t.type())) {
        if (t.to() == ConditionStatus.True) {
          recorder.warning(drive, "Quarantined", t.message());
        } else if (wasTrue) {
          recorder.normal(drive, "QuarantineReleased", t.message());
        }
      }
    }
  }

  private static Set<String> names() {
    EnumSet<AlertKind> kinds = EnumSet.copyOf(AlertKind.driveAlerts());
    return Set.copyOf(kinds.stream().map(Enum::name).toList());
  }
}
