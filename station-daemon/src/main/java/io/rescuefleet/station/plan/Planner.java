package io.rescuefleet.station.plan;

import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.observe.ObservedDrive;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure planner: {@code plan(desired, observed)} returns the minimal ordered actions that make the
 * observed stick the desired one. No I/O; time only from the injected clock. The order keeps a stick
 * safe: sources are fetched and checked before anything is written; Ventoy's user menu follows the
 * Windows To Go work it offers; the manifest is written last.
 */
public final class Planner {
  private final LayoutPlanner layout = new LayoutPlanner();
  private final FilePlanner files;
  private final VentoyMenuPlanner menu = new VentoyMenuPlanner();
  private final WtgPlanner wtg;

  public Planner(Clock clock, WtgPlanner wtg) {
    this.files = new FilePlanner(clock);
    this.wtg = wtg;
  }

  public Planner(Clock clock) {
    this(clock, new io.rescuefleet.station.wtg.WindowsToGoPlanner());
  }

  public Plan plan(DesiredDrive desired, ObservedDrive observed) {
    DesiredLayout target = DesiredLayout.compute(observed.diskSectors(), desired.style(), desired.reservedMiB());
    LayoutPlanner.Outcome disk = layout.plan(desired, observed, target);
    List<PlanNote> notes = new ArrayList<>(disk.notes());
    if (!disk.dataFormatted() && observed.volume() == null) {
      notes.add(PlanNote.refused("DataFilesystemUnreadable", "the data partition holds " + desired.filesystem()
          + " but it could not be read; check it with fsck before RescueFleet touches it"));
      return new Plan(target, disk.actions(), notes, List.of());
    }
    WtgPlanner.Outcome windows = wtg.plan(desired.wtg(), observed.wtg(), target, disk.dataFormatted());
    notes.addAll(windows.notes());
    if (windows.notes().stream().anyMatch(n -> n.severity() == PlanNote.Severity.REFUSED)) {
      return new Plan(target, List.of(), notes, List.of());
    }
    boolean othersReachable = notes.stream().allMatch(n -> n.severity() == PlanNote.Severity.INFO);
    FilePlanner.Outcome content = files.plan(desired, observed, disk.dataFormatted(), othersReachable,
        !windows.actions().isEmpty(), !disk.actions().isEmpty());
    notes.addAll(content.notes());
    VentoyMenuPlanner.Outcome userMenu = menu.plan(desired.wtg(), observed.wtg(), observed.volume(), disk.dataFormatted(),
        !windows.actions().isEmpty());
    notes.addAll(userMenu.notes());
    List<String> unmanaged = content.unmanaged().stream()
        .filter(p -> !(userMenu.action().orElse(null) instanceof WriteVentoyMenu && p.equalsIgnoreCase(
            io.rescuefleet.api.validate.PathRules.VENTOY_GRUB_CFG)))
        .toList();

    long free = disk.dataFormatted() ? target.data().sizeBytes() * 98 / 100 : observed.volume().freeBytes();
    SpaceCheck.check(free, content.deletes(), content.copies(), disk.dataFormatted() ? null : observed.volume(),
        unmanaged).ifPresent(notes::add);

    List<Action> actions = new ArrayList<>();
    actions.addAll(content.fetches());
    actions.addAll(windows.preparations());
    if (content.retraction() != null) {
      actions.add(content.retraction()); // before the layout too: the manifest's claim of a spec covers it
    }
    actions.addAll(disk.actions());
    actions.addAll(content.prepare());
    actions.addAll(content.deletes());
    actions.addAll(content.copies());
    actions.addAll(content.verifies());
    if (content.ventoyJson() != null) {
      actions.add(content.ventoyJson());
    }
    actions.addAll(windows.actions());
    userMenu.action().ifPresent(actions::add);
    if (content.manifest() != null) {
      actions.add(content.manifest());
    }
    return new Plan(target, actions, notes, unmanaged);
  }
}
