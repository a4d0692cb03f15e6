package io.rescuefleet.station.plan;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.observe.ObservedWtg;
import java.util.List;

/**
 * Plans the Windows To Go part of a stick: a separate collaborator, pure like the planner.
 */
public interface WtgPlanner {

  /**
   * Steps and notes. {@code preparations} touch no stick (fetch and check the image) and run with the
   * other fetches, before anything is written; {@code actions} run after the files, before the
   * manifest, which then records what they applied.
   */
  record Outcome(List<Action> preparations, List<WtgAction> actions, List<PlanNote> notes) {
    public Outcome {
      preparations = List.copyOf(preparations);
      actions = List.copyOf(actions);
      notes = List.copyOf(notes);
    }
  }

  /**
   * @param desired the profile to apply, or null when the drive has none
   * @param dataFormatted whether the plan formats the data partition (which takes any VHD with it)
   */
  Outcome plan(ResolvedWtg desired, ObservedWtg observed, DesiredLayout layout, boolean dataFormatted);
}
