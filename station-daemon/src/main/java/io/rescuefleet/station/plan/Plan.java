package io.rescuefleet.station.plan;

import io.rescuefleet.station.layout.DesiredLayout;
import java.util.List;

/**
 * The planner's answer: the minimal ordered actions, notes about what they cannot achieve, the files
 * on the stick RescueFleet does not manage, and the layout the actions aim at.
 */
public record Plan(DesiredLayout layout, List<Action> actions, List<PlanNote> notes, List<String> unmanaged) {
  public Plan {
    actions = List.copyOf(actions);
    notes = List.copyOf(notes);
    unmanaged = List.copyOf(unmanaged);
  }

  /**
   * True when nothing stands in the way and nothing is to be changed: the stick matches its spec (at
   * most the verification just done is to be recorded in the manifest).
   */
  public boolean converged() {
    return actions.stream().allMatch(Plan::bookkeeping) && notes.stream().noneMatch(n -> n.severity() != PlanNote.Severity.INFO);
  }

  private static boolean bookkeeping(Action a) {
    return a instanceof WriteManifest m && m.bookkeeping();
  }

  /** True when a note forbids running any of it. */
  public boolean refused() {
    return notes.stream().anyMatch(n -> n.severity() == PlanNote.Severity.REFUSED);
  }

  /** True when, once every action ran, the stick would match its spec. */
  public boolean reachesSpec() {
    return notes.stream().allMatch(n -> n.severity() == PlanNote.Severity.INFO);
  }

  /** True when some action writes to the stick. */
  public boolean writes() {
    return actions.stream().anyMatch(Action::writesToStick);
  }

  public <T extends Action> List<T> actionsOf(Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
