package io.rescuefleet.station.plan;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.observe.ObservedWtg;
import io.rescuefleet.station.observe.VolumeState;
import io.rescuefleet.station.observe.WtgVolumeState;
import io.rescuefleet.station.wtg.VentoyMenu;
import io.rescuefleet.station.wtg.volume.BootConfiguration;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import java.util.List;
import java.util.Optional;

/**
 * Plans Ventoy's user menu, purely. It offers the profile's Windows To Go partition once the stick
 * shows it applied with a boot configuration (its marker says Generated); a VHD needs no entry, Ventoy
 * boots it through its vhdboot plugin. While the menu is wanted RescueFleet owns the file, as it owns
 * ventoy.json, and restores any edit; when it is not, only a menu RescueFleet wrote is removed.
 */
final class VentoyMenuPlanner {
  static final String UNAVAILABLE = "WtgMenuUnavailable";

  /** The step, if any, and what cannot be offered. */
  record Outcome(Optional<Action> action, List<PlanNote> notes) {}

  /**
   * @param windowsToGoChanges whether this plan applies or removes Windows To Go: the menu then waits for
   *     the next look at the stick, which shows the volume as it came out
   */
  Outcome plan(ResolvedWtg desired, ObservedWtg observed, VolumeState volume, boolean dataFormatted,
      boolean windowsToGoChanges) {
    if (windowsToGoChanges || dataFormatted || volume == null) {
      return new Outcome(Optional.empty(), List.of());
    }
    String have = volume.ventoyMenu();
    Optional<WtgVolumeState> bootable = bootable(desired, observed);
    if (bootable.isPresent() && !VentoyMenu.usableUuid(bootable.get().fsUuid())) {
      return new Outcome(removeOurs(have, "no usable NTFS UUID to find the Windows To Go partition by"),
          List.of(PlanNote.info(UNAVAILABLE, "Windows To Go at " + bootable.get().location() + " is not offered in Ventoy's "
              + "menu: its NTFS UUID (" + bootable.get().fsUuid() + ") could not be read")));
    }
    if (bootable.isEmpty()) {
      return new Outcome(removeOurs(have, "no Windows To Go partition with a boot configuration"), List.of());
    }
    String want = VentoyMenu.render(desired.profileName(), bootable.get().fsUuid());
    if (want.equals(have)) {
      return new Outcome(Optional.empty(), List.of());
    }
    String why = have == null ? "missing"
        : VentoyMenu.ours(have) ? "differs from the Windows To Go on the stick; restoring"
        : "a menu RescueFleet did not write; the Windows To Go partition takes it over";
    return new Outcome(Optional.of(new WriteVentoyMenu(want, why)), List.of());
  }

  /** The profile's applied partition volume whose marker says its boot configuration was generated. */
  private static Optional<WtgVolumeState> bootable(ResolvedWtg desired, ObservedWtg observed) {
    if (desired == null || desired.target() != WtgTarget.Partition || observed == null) {
      return Optional.empty();
    }
    return observed.volumes().stream()
        .filter(v -> v.target() == WtgTarget.Partition && v.marked())
        .filter(v -> {
          WtgMarker m = v.marker().valid().orElseThrow();
          return desired.profileName().equals(m.profile()) && m.bootConfiguration() == BootConfiguration.Generated;
        })
        .findFirst();
  }

  private static Optional<Action> removeOurs(String have, String why) {
    return VentoyMenu.ours(have) ? Optional.of(new RemoveVentoyMenu(why)) : Optional.empty();
  }
}
