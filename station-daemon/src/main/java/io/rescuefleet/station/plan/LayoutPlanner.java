package io.rescuefleet.station.plan;

import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.layout.LayoutCheck;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.observe.DataRegionState;
import io.rescuefleet.station.observe.EfiRegionState;
import io.rescuefleet.station.observe.ObservedDrive;
import io.rescuefleet.station.release.ReleaseInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans the disk-level steps: the partition table, the data filesystem, and Ventoy's boot code and
 * VTOYEFI partition. Repartitions only when the table is wrong, and never formats a region that
 * already holds the right filesystem at the right size, whatever the table said.
 */
final class LayoutPlanner {

  /** The steps, what they leave unsaid, and whether the data partition starts empty. */
  record Outcome(List<Action> actions, List<PlanNote> notes, boolean dataFormatted) {}

  Outcome plan(DesiredDrive desired, ObservedDrive observed, DesiredLayout layout) {
    List<Action> actions = new ArrayList<>();
    List<PlanNote> notes = new ArrayList<>();

    LayoutCheck.Verdict table = LayoutCheck.check(observed.table(), layout);
    boolean tableRewritten = !table.matches();
    boolean formatted = false;
    DataRegionState data = observed.data();
    String wanted = desired.filesystemType();
    // The data region is formatted before the table is rewritten: a filesystem that does not fit the new
    // layout, and the manifest on it that claims the old spec, never outlive the old table.
    if (!data.signature().is(wanted) || data.volumeBytes() != layout.data().sizeBytes()) {
      actions.add(new FormatDataPartition(desired.filesystem(), desired.dataLabel(), layout.data(), describe(data, layout)));
      formatted = true;
    }
    if (tableRewritten) {
      String wantLabel = layout.style() == io.rescuefleet.api.v1alpha1.PartitionStyle.GPT ? PartitionTable.GPT : PartitionTable.DOS;
      String keepId = wantLabel.equals(observed.table().label()) ? observed.table().id() : null;
      actions.add(new WritePartitionTable(layout, keepId, table.keep(), table.differences()));
    }
    if (!formatted && !Objects.equals(desired.dataLabel(), data.signature().label())) {
      actions.add(new RelabelDataPartition(desired.filesystem(), desired.dataLabel(), layout.data(), data.signature().label()));
    }

    planBoot(desired, observed.efi(), layout, tableRewritten, actions, notes);
    return new Outcome(actions, notes, formatted);
  }

  private static void planBoot(DesiredDrive desired, EfiRegionState efi, DesiredLayout layout, boolean tableRewritten,
      List<Action> actions, List<PlanNote> notes) {
    ReleaseInfo release = desired.release();
    String pinned = desired.pinnedVentoyVersion();
    boolean efiFs = efi.signature().is("vfat");
    if (release == null) {
      if (!efiFs) {
        actions.add(new FormatEfiPartition(layout.efi()));
      }
      String have = efiFs ? efi.ventoyVersion() : null;
      if (pinned != null && !pinned.equals(have)) {
        notes.add(PlanNote.unconverged("BootloaderUnavailable", "spec.layout.ventoyVersion: Ventoy " + pinned
            + " is required but no Ventoy release was given (--ventoy-release); the stick has "
            + (have == null ? "no bootloader" : "Ventoy " + have)));
      } else if (have == null) {
        notes.add(PlanNote.info("BootloaderNotInstalled", "no Ventoy release given (--ventoy-release): the layout "
            + "is Ventoy's, but the stick has no bootloader and will not boot"));
      }
      return;
    }
    if (pinned != null && !pinned.equals(release.version())) {
      notes.add(PlanNote.refused("VentoyReleaseMismatch", "spec.layout.ventoyVersion pins Ventoy " + pinned
          + " but the release in " + release.directory() + " is " + release.version()));
      return;
    }
    if (!release.coreFits(layout.style())) {
      notes.add(PlanNote.refused("VentoyReleaseUnfit", "the core image of Ventoy " + release.version() + " ("
          + release.coreBytes() + " bytes) does not fit before sector 2048 with " + layout.style()));
      return;
    }
    // sfdisk rewrites sector 0 with the table, so the boot code goes back whenever the table changes.
    if (tableRewritten || !release.bootArea(layout.style()).equals(efi.bootArea())) {
      actions.add(new WriteBootCode(release.version(), layout.style(), release.coreBytes()));
    }
    boolean secureBootMismatch = efi.secureBootLayout() != null && efi.secureBootLayout() != desired.secureBoot();
    if (!efiFs || !release.version().equals(efi.ventoyVersion()) || secureBootMismatch) {
      actions.add(new WriteEfiImage(release.version(), layout.efi(), desired.secureBoot()));
    }
  }

  private static String describe(DataRegionState data, DesiredLayout layout) {
    if (!data.signature().present()) {
      return "the region holds no filesystem";
    }
    String what = data.signature().type() + (data.signature().label() == null ? "" : " \"" + data.signature().label() + "\"");
    if (data.volumeBytes() >= 0 && data.volumeBytes() != layout.data().sizeBytes()) {
      return "replaces " + what + " of " + data.volumeBytes() / (1 << 20) + " MiB, which does not fill the "
          + layout.data().sizeBytes() / (1 << 20) + " MiB partition";
    }
    return "replaces " + what;
  }
}
