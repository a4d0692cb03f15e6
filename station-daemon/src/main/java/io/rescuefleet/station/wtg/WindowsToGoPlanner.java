package io.rescuefleet.station.wtg;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.Region;
import io.rescuefleet.station.observe.ObservedWtg;
import io.rescuefleet.station.observe.WtgVolumeState;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.ApplyWtg;
import io.rescuefleet.station.plan.CreateWtgPartition;
import io.rescuefleet.station.plan.FetchImage;
import io.rescuefleet.station.plan.PlanNote;
import io.rescuefleet.station.plan.PrepareWtgImage;
import io.rescuefleet.station.plan.RecordWtg;
import io.rescuefleet.station.plan.RemoveWtg;
import io.rescuefleet.station.plan.RetractWtgRecord;
import io.rescuefleet.station.plan.WtgAction;
import io.rescuefleet.station.plan.WtgPlanner;
import io.rescuefleet.station.wtg.image.ImageSelection;
import io.rescuefleet.station.wtg.image.ImageSelector;
import io.rescuefleet.station.wtg.image.WimImage;
import io.rescuefleet.station.wtg.image.WimInfo;
import io.rescuefleet.station.wtg.image.WtgImageNotFoundException;
import io.rescuefleet.station.wtg.volume.BootConfiguration;
import io.rescuefleet.station.wtg.volume.MarkerRead;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans Windows To Go, purely. The marker on a Windows To Go volume is what it trusts: a volume is
 * kept only when its marker is valid and says the profile's image (WIM SHA-256 and the image its index
 * or edition selects, resolved from the catalog the marker keeps), the profile's target and size, and
 * the unattend.xml this stick gets (same settings, same serial), and no sampled file differs from the
 * image. Anything else re-applies into a fresh volume. A partition in the reserved space that is not
 * RescueFleet's is never touched; a system RescueFleet applied where the spec no longer wants one is
 * removed after the new one is in place.
 */
public final class WindowsToGoPlanner implements WtgPlanner {
  public static final String SLOT_OCCUPIED = "WtgSlotOccupied";
  public static final String DOES_NOT_FIT = "WtgDoesNotFit";
  public static final String BOOT_NOT_GENERATED = "WtgBootNotGenerated";
  public static final String VHDBOOT_PLUGIN_MISSING = "WtgVhdbootPluginMissing";

  @Override
  public Outcome plan(ResolvedWtg desired, ObservedWtg observed, DesiredLayout layout, boolean dataFormatted) {
    List<Action> preparations = new ArrayList<>();
    List<WtgAction> actions = new ArrayList<>();
    List<PlanNote> notes = new ArrayList<>();
    List<WtgVolumeState> ours = observed.volumes().stream().filter(WtgVolumeState::marked)
        .filter(v -> !(dataFormatted && v.target() == WtgTarget.VhdFile)).toList();

    WtgVolumeState keep = null;
    boolean placed = desired == null;
    if (desired != null) {
      Target target = target(desired, observed, layout, ours, notes);
      placed = target != null;
      if (target != null) {
        keep = target.volume();
        List<String> reasons = target.volume() == null ? List.of("missing")
            : dataFormatted && desired.target() == WtgTarget.VhdFile ? List.of("the data partition is formatted")
            : drift(desired, target.volume(), observed, notes);
        if (notes.stream().noneMatch(n -> n.severity() == PlanNote.Severity.REFUSED) && !reasons.isEmpty()) {
          checkSelection(desired, observed, notes);
          if (!observed.imageCached()) {
            preparations.add(new FetchImage("wtg/" + desired.profileName(), desired.imageUrl(), desired.imageSha256(),
                desired.imageSize() == null ? -1 : desired.imageSize(), null));
          }
          preparations.add(new PrepareWtgImage(desired.profileName(), desired.imageSha256(), desired.index(),
              desired.edition(), desired.driversPath()));
          if (observed.applied() != null) {
            actions.add(new RetractWtgRecord(observed.applied().location()));
          }
          if (target.create() != null) {
            actions.add(target.create());
          }
          actions.add(new ApplyWtg(desired, target.partition(), target.region(), observed.serial(), reasons,
              expectedBytes(desired, observed)));
        } else if (reasons.isEmpty() && !refused(notes)) {
          WtgMarker m = target.volume().marker().valid().orElseThrow();
          if (observed.applied() == null || !m.applyId().equals(observed.applied().applyId())) {
            // Kept as it is, so the manifest must say so: the run that applied it ended before its manifest.
            actions.add(new RecordWtg(WtgRecords.of(m, target.volume().location())));
          }
          if (m.bootConfiguration() == BootConfiguration.NotGenerated) {
            notes.add(PlanNote.info(BOOT_NOT_GENERATED, "Windows To Go at " + target.volume().location()
                + " has no boot configuration: " + m.bootNote()));
          }
        }
      }
    }
    if (desired != null && desired.target() == WtgTarget.VhdFile && !observed.vhdBootPlugin() && placed) {
      notes.add(PlanNote.info(VHDBOOT_PLUGIN_MISSING, "Ventoy boots " + desired.vhdPath() + " only with its vhdboot "
          + "plugin, which RescueFleet does not ship: put ventoy_vhdboot.img (github.com/ventoy/vhdiso) at /"
          + WindowsToGoProbe.VHDBOOT_PLUGIN));
    }
    for (WtgVolumeState v : placed ? ours : List.<WtgVolumeState>of()) {
      if (v != keep && !removedByLayout(v, layout)) {
        if (actions.stream().noneMatch(a -> a instanceof RetractWtgRecord) && observed.applied() != null) {
          actions.add(0, new RetractWtgRecord(observed.applied().location()));
        }
        actions.add(new RemoveWtg(v.target(), v.partition(), v.region(), v.vhdPath(),
            desired == null ? "the drive has no WtgProfile" : "the profile's Windows To Go is elsewhere now"));
      }
    }
    if (refused(notes)) {
      return new Outcome(List.of(), List.of(), notes);
    }
    return new Outcome(preparations, actions, notes);
  }

  /** Where the profile's system goes, and what is there now; null when it cannot go anywhere (with a note). */
  private static Target target(ResolvedWtg desired, ObservedWtg observed, DesiredLayout layout,
      List<WtgVolumeState> ours, List<PlanNote> notes) {
    if (desired.target() == WtgTarget.VhdFile) {
      return new Target(observed.vhd(desired.vhdPath()).orElse(null), 0, null, null);
    }
    Region slot = new Region(layout.reserved().startSector(), desired.sizeMiB() * 2048);
    if (!layout.reserved().contains(slot)) {
      notes.add(PlanNote.unconverged(DOES_NOT_FIT, "the reserved space has " + layout.reserved().sizeBytes() / (1 << 20)
          + " MiB; WtgProfile \"" + desired.profileName() + "\" needs " + desired.sizeMiB() + " MiB"));
      return null;
    }
    WtgVolumeState current = null;
    for (PartitionEntry p : observed.reservedPartitions()) {
      Optional<WtgVolumeState> volume = observed.partition(p.number());
      boolean mine = volume.map(WtgVolumeState::marked).orElse(false);
      if (p.region().equals(slot)) {
        current = volume.orElse(null);
        if (current == null) {
          current = new WtgVolumeState(WtgTarget.Partition, p.number(), p.region(), null, p.region().sizeBytes(), null,
              "was not probed", new MarkerRead.Absent(), null);
        }
      } else if (overlap(p.region(), slot) && !mine) {
        notes.add(PlanNote.unconverged(SLOT_OCCUPIED, "partition " + p.number() + " (" + p.region() + ") in the reserved "
            + "space is not a Windows To Go system RescueFleet applied; it is left alone, so WtgProfile \""
            + desired.profileName() + "\" cannot be applied. Move or delete it"));
        return null;
      }
    }
    if (current != null) {
      return new Target(current, current.partition(), slot, null);
    }
    boolean overlapsOurs = ours.stream().anyMatch(v -> v.region() != null && overlap(v.region(), slot));
    if (overlapsOurs) {
      // Our old partition is in the way (the size changed): it is removed first, then recreated.
      WtgVolumeState old = ours.stream().filter(v -> v.region() != null && overlap(v.region(), slot)).findFirst().get();
      return new Target(old, old.partition(), slot, new CreateWtgPartition(old.partition(), slot, layout.style()));
    }
    int number = 3;
    while (observed.reservedPartitions().stream().map(PartitionEntry::number).toList().contains(number)) {
      number++;
    }
    return new Target(null, number, slot, new CreateWtgPartition(number, slot, layout.style()));
  }

  /** Why the volume must be rewritten; empty when it is what the profile asks for. */
  static List<String> drift(ResolvedWtg desired, WtgVolumeState volume, ObservedWtg observed, List<PlanNote> notes) {
    if (volume.problem() != null) {
      return List.of(volume.location() + " " + volume.problem());
    }
    if (volume.marker() instanceof MarkerRead.Absent) {
      return List.of("not marked complete (never applied, or an apply was interrupted)");
    }
    if (volume.marker() instanceof MarkerRead.Unreadable u) {
      return List.of("its marker is unreadable: " + u.why());
    }
    WtgMarker m = volume.marker().valid().orElseThrow();
    List<String> reasons = new ArrayList<>();
    long wantBytes = desired.sizeMiB() << 20;
    if (volume.sizeBytes() != wantBytes) {
      reasons.add("size is " + (volume.sizeBytes() >> 20) + " MiB, the profile asks " + desired.sizeMiB() + " MiB");
    }
    if (!desired.target().name().equals(m.target())) {
      reasons.add("target was " + m.target());
    }
    if (!desired.imageSha256().equals(m.imageSha256())) {
      reasons.add("image changed (" + m.imageSha256().substring(0, 12) + " applied, " + desired.imageSha256().substring(0, 12)
          + " wanted)");
      return reasons;
    }
    Optional<WimImage> selected = select(desired, new WimInfo(m.catalog()), notes);
    if (selected.isEmpty()) {
      return reasons;
    }
    if (selected.get().index() != m.imageIndex()) {
      reasons.add("the profile selects image " + selected.get().describe() + ", image " + m.imageIndex() + " \""
          + m.imageName() + "\" is applied");
    }
    if (m.bootDevice() != null && volume.identity() != null && !m.bootDevice().equals(volume.identity())) {
      reasons.add("its boot configuration names " + m.bootDevice() + ", but the partition is now " + volume.identity());
    }
    String unattend = WtgUnattend.sha256(desired, observed.serial(), m.architecture());
    if (!unattend.equals(m.unattendSha256())) {
      reasons.add("unattend.xml settings changed");
    }
    if (volume.samples() != null && !volume.samples().mismatches().isEmpty()) {
      List<String> wrong = volume.samples().mismatches();
      reasons.add(wrong.size() + " of " + volume.samples().checked() + " sampled files differ from the image (" + wrong.get(0)
          + (wrong.size() > 1 ? ", ..." : "") + ")");
    }
    return reasons;
  }

  /** When the cache holds the new image, an invalid selection is refused now rather than when applying. */
  private static void checkSelection(ResolvedWtg desired, ObservedWtg observed, List<PlanNote> notes) {
    if (observed.catalog() != null && notes.stream().noneMatch(n -> n.reason().equals(WtgImageNotFoundException.REASON))) {
      select(desired, observed.catalog(), notes);
    }
  }

  private static Optional<WimImage> select(ResolvedWtg desired, WimInfo catalog, List<PlanNote> notes) {
    try {
      return Optional.of(ImageSelector.select(catalog, ImageSelection.of(desired),
          "WtgProfile \"" + desired.profileName() + "\"'s image " + desired.imageSha256().substring(0, 12)));
    } catch (WtgImageNotFoundException e) {
      notes.add(PlanNote.refused(WtgImageNotFoundException.REASON, e.getMessage()));
      return Optional.empty();
    }
  }

  /** The selected image's size from the cached WIM's catalog, -1 when the cache does not hold it yet. */
  private static long expectedBytes(ResolvedWtg desired, ObservedWtg observed) {
    if (observed.catalog() == null) {
      return -1;
    }
    try {
      return ImageSelector.select(observed.catalog(), ImageSelection.of(desired), "").totalBytes();
    } catch (WtgImageNotFoundException e) {
      return -1;
    }
  }

  private static boolean overlap(Region a, Region b) {
    return a.startSector() < b.endSector() && b.startSector() < a.endSector();
  }

  /** A partition the new table does not keep is gone with the rewrite; nothing to remove. */
  private static boolean removedByLayout(WtgVolumeState v, DesiredLayout layout) {
    return v.target() == WtgTarget.Partition && !layout.reserved().contains(v.region());
  }

  private static boolean refused(List<PlanNote> notes) {
    return notes.stream().anyMatch(n -> n.severity() == PlanNote.Severity.REFUSED);
  }

  /** Where the system goes: the volume there now (or null), the partition number and slot, and how to make room. */
  private record Target(WtgVolumeState volume, int partition, Region region, CreateWtgPartition create) {}
}
