package io.rescuefleet.station.plan;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.observe.ObservedWtg;
import java.util.List;

/**
 * Plans the Windows To Go part of a stick: a separate collaborator so the Windows To Go work can
 * replace it without touching the rest of the planner. Pure, like the planner.
 */
public interface WtgPlanner {

  /** Steps (run after the files, before the manifest) and notes. */
  record Outcome(List<WtgAction> actions, List<PlanNote> notes) {
    public Outcome {
      actions = List.copyOf(actions);
      notes = List.copyOf(notes);
    }
  }

  /** @param desired the profile to apply, or null when the drive has none */
  Outcome plan(ResolvedWtg desired, ObservedWtg observed, DesiredLayout layout);
}
