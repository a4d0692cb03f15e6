package io.rescuefleet.operator.controller;

import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.operator.events.EventRecorder;
import io.rescuefleet.operator.status.ConditionStatus;
import io.rescuefleet.operator.status.ConditionTypes;
import io.rescuefleet.operator.status.Transition;
import java.util.List;

/** The Events a station's condition changes deserve: a Warning when heartbeats stop or the spec turns invalid, Normal when it is back. */
final class StationEvents {
  private final EventRecorder recorder;

  StationEvents(EventRecorder recorder) {
    this.recorder = recorder;
  }

  void emit(ImagingStation station, List<Transition> transitions) {
    for (Transition t : transitions) {
      if (ConditionTypes.ONLINE.equals(t.type())) {
        if (t.to() == ConditionStatus.False) {
          recorder.warning(station, t.reason(), t.message());
        } else if (t.to() == ConditionStatus.True && t.from() == ConditionStatus.False) {
          recorder.normal(station, "StationOnline", t.message());
        }
      } else if (ConditionTypes.VALID.equals(t.type()) && t.to() == ConditionStatus.False) {
        recorder.warning(station, t.reason(), t.message());
      }
    }
  }
}
