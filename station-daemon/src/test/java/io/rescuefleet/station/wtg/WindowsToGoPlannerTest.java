package io.rescuefleet.station.wtg;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedUnattend;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.api.v1alpha1.SanPolicy;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.Region;
import io.rescuefleet.station.manifest.StickManifest.WtgRecord;
import io.rescuefleet.station.observe.ObservedWtg;
import io.rescuefleet.station.observe.WtgVolumeState;
import io.rescuefleet.station.observe.WtgVolumeState.SampleResult;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.ApplyWtg;
import io.rescuefleet.station.plan.CreateWtgPartition;
import io.rescuefleet.station.plan.FetchImage;
import io.rescuefleet.station.plan.PlanNote;
import io.rescuefleet.station.plan.PrepareWtgImage;
import io.rescuefleet.station.plan.RemoveWtg;
import io.rescuefleet.station.plan.RetractWtgRecord;
import io.rescuefleet.station.plan.WtgPlanner;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.image.WimImage;
import io.rescuefleet.station.wtg.image.WimInfo;
import io.rescuefleet.station.wtg.volume.BootConfiguration;
import io.rescuefleet.station.wtg.volume.MarkerRead;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Windows To Go planner, case by case: what is on the stick, what the profile says, what to do. */
class WindowsToGoPlannerTest {
  private static final String SHA = "a".repeat(64);
  private static final String OTHER_SHA = "b".repeat(64);
  private static final String SERIAL = "4C530001230918116023";
  private static final long DISK = 16L << 21; // 16 GiB in sectors
  private static final DesiredLayout LAYOUT = DesiredLayout.compute(DISK, PartitionStyle.GPT, 2048);
  private static final Region SLOT = new Region(LAYOUT.reserved().startSector(), 1024 * 2048);
  private static final BcdDevice IDENTITY = BcdDevice.gpt(java.util.UUID.fromString("11111111-2222-3333-4444-555555555555"),
      java.util.UUID.fromString("66666666-7777-8888-9999-aaaaaaaaaaaa"));
  private static final BcdDevice OTHER_IDENTITY = BcdDevice.gpt(IDENTITY.diskGuid(),
      java.util.UUID.fromString("66666666-7777-8888-9999-bbbbbbbbbbbb"));
  private static final List<WimImage> CATALOG = List.of(
      new WimImage(1, "Windows 11 Pro", null, "Windows 11 Pro", "Professional", "Professional", "amd64", "en-US", 9000),
      new WimImage(2, "Windows 11 Home", null, "Windows 11 Home", "Core", "Core", "amd64", "en-US", 8000));

  private static ResolvedWtg profile(WtgTarget target, Integer index, String edition) {
    return new ResolvedWtg("win11-wtg", "https://example.org/install.wim", SHA, 5000L, index, edition, target, 1024,
        target == WtgTarget.VhdFile ? "wtg/win11.vhd" : null,
        new ResolvedUnattend("WTG-{serial}", true, true, SanPolicy.OfflineInternal), null);
  }

  private static final ResolvedWtg HOME = profile(WtgTarget.Partition, null, "Windows 11 Home");
  private static final ResolvedWtg HOME_VHD = profile(WtgTarget.VhdFile, null, "Windows 11 Home");

  /** The marker an apply of {@code wtg} with image {@code index} leaves on this stick. */
  private static WtgMarker marker(ResolvedWtg wtg, int index, BootConfiguration boot) {
    return new WtgMarker(1, "0b5e8a0e-58f3-4b55-9a36-8c1d0f3e7a11", wtg.profileName(), wtg.target().name(),
        wtg.imageSha256(), index, CATALOG.get(index - 1).name(), wtg.edition(), "amd64",
        WtgUnattend.sha256(wtg, SERIAL, "amd64"), boot, boot == BootConfiguration.NotGenerated ? "no template" : null,
        boot == BootConfiguration.Generated ? IDENTITY : null, "2026-11-25T12:00:00Z", CATALOG, List.of(), List.of());
  }

  private static WtgVolumeState partition(Region region, MarkerRead marker) {
    return new WtgVolumeState(WtgTarget.Partition, 3, region, null, region.sizeBytes(), IDENTITY, null, marker, null);
  }

  private static WtgVolumeState vhd(MarkerRead marker) {
    return new WtgVolumeState(WtgTarget.VhdFile, 0, null, "wtg/win11.vhd", 1024L << 20, IDENTITY, null, marker, null);
  }

  private static final WtgVolumeState APPLIED_HOME = partition(SLOT, valid(marker(HOME, 2, BootConfiguration.Generated)));
  private static final WtgRecord RECORD = new WtgRecord("win11-wtg", "Partition", "partition 3",
      "0b5e8a0e-58f3-4b55-9a36-8c1d0f3e7a11", SHA, 2,
      "Windows 11 Home", "Windows 11 Home", "c".repeat(64), "Generated", "2026-11-25T12:00:00Z");

  private static MarkerRead valid(WtgMarker m) {
    return new MarkerRead.Valid(m);
  }

  private static ObservedWtg stick(boolean cached, WtgRecord applied, WtgVolumeState... volumes) {
    List<PartitionEntry> reserved = new ArrayList<>();
    for (WtgVolumeState v : volumes) {
      if (v.region() != null) {
        reserved.add(new PartitionEntry(v.partition(), v.region().startSector(), v.region().sectors(),
            "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "11111111-2222-3333-4444-555555555555", "Windows To Go", false, null));
      }
    }
    return new ObservedWtg(reserved, applied, List.of(volumes), SERIAL, cached,
        cached ? new WimInfo(CATALOG) : null, true);
  }

  /** One case: the profile, the stick, whether the plan formats the data partition, and what must come out. */
  record Case(String name, ResolvedWtg desired, ObservedWtg observed, boolean formatted, List<String> steps) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, ResolvedWtg desired, ObservedWtg observed, String... steps) {
    return new Case(name, desired, observed, false, List.of(steps));
  }

  static Stream<Arguments> cases() {
    ResolvedWtg homeByEditionId = profile(WtgTarget.Partition, null, "Core");
    ResolvedWtg homeByIndex = profile(WtgTarget.Partition, 2, null);
    ResolvedWtg pro = profile(WtgTarget.Partition, null, "Windows 11 Pro");
    ResolvedWtg newImage = new ResolvedWtg("win11-wtg", "https://example.org/v2/install.wim", OTHER_SHA, 5000L, null,
        "Windows 11 Home", WtgTarget.Partition, 1024, null, HOME.unattend(), null);
    ResolvedWtg noCopyProfile = new ResolvedWtg("win11-wtg", HOME.imageUrl(), SHA, 5000L, null, "Windows 11 Home",
        WtgTarget.Partition, 1024, null, new ResolvedUnattend("WTG-{serial}", false, true, SanPolicy.OfflineInternal), null);
    ResolvedWtg bigger = new ResolvedWtg("win11-wtg", HOME.imageUrl(), SHA, 5000L, null, "Windows 11 Home",
        WtgTarget.Partition, 1536, null, HOME.unattend(), null);
    WtgVolumeState damaged = APPLIED_HOME.withSamples(new SampleResult(7, List.of("/Windows/explorer.exe (differs)")));
    WtgVolumeState checkedOk = APPLIED_HOME.withSamples(new SampleResult(7, List.of()));
    WtgVolumeState foreign = new WtgVolumeState(WtgTarget.Partition, 3, new Region(SLOT.startSector() + 2048, 4096), null,
        4096 * 512L, null, null, new MarkerRead.Absent(), null);
    WtgVolumeState renamed = new WtgVolumeState(WtgTarget.Partition, 3, SLOT, null, SLOT.sizeBytes(), OTHER_IDENTITY, null,
        valid(marker(HOME, 2, BootConfiguration.Generated)), null);

    return Stream.of(
        c("nothing wanted, nothing there", null, stick(false, null)),
        c("a new profile fetches, checks, makes the partition and applies", HOME, stick(false, null),
            "FetchImage", "PrepareWtgImage", "CreateWtgPartition 3 " + SLOT, "ApplyWtg partition 3: missing"),
        c("a cached image is not fetched again", HOME, stick(true, null),
            "PrepareWtgImage", "CreateWtgPartition 3 " + SLOT, "ApplyWtg partition 3: missing"),
        c("an unchanged profile writes nothing", HOME, stick(true, RECORD, APPLIED_HOME)),
        c("the same image by edition id writes nothing", homeByEditionId, stick(false, RECORD, APPLIED_HOME)),
        c("the same image by index writes nothing", homeByIndex, stick(false, RECORD, APPLIED_HOME)),
        c("sampled files that match write nothing", HOME, stick(false, RECORD, checkedOk)),
        c("another edition re-applies", pro, stick(false, RECORD, APPLIED_HOME),
            "FetchImage", "PrepareWtgImage", "RetractWtgRecord",
            "ApplyWtg partition 3: the profile selects image 1 \"Windows 11 Pro\" (Professional), image 2 \"Windows 11 Home\" is applied"),
        c("another image re-applies", newImage, stick(true, RECORD, APPLIED_HOME),
            "PrepareWtgImage", "RetractWtgRecord", "ApplyWtg partition 3: image changed (aaaaaaaaaaaa applied, bbbbbbbbbbbb wanted)"),
        c("other unattend settings re-apply", noCopyProfile, stick(true, RECORD, APPLIED_HOME),
            "PrepareWtgImage", "RetractWtgRecord", "ApplyWtg partition 3: unattend.xml settings changed"),
        c("another stick's serial re-applies", HOME,
            new ObservedWtg(stick(true, RECORD, APPLIED_HOME).reservedPartitions(), RECORD, List.of(APPLIED_HOME),
                "OTHER-SERIAL", true, new WimInfo(CATALOG), true),
            "PrepareWtgImage", "RetractWtgRecord", "ApplyWtg partition 3: unattend.xml settings changed"),
        c("a damaged sample re-applies", HOME, stick(true, RECORD, damaged),
            "PrepareWtgImage", "RetractWtgRecord",
            "ApplyWtg partition 3: 1 of 7 sampled files differ from the image (/Windows/explorer.exe (differs))"),
        c("an interrupted apply (no marker) re-applies", HOME, stick(true, null, partition(SLOT, new MarkerRead.Absent())),
            "PrepareWtgImage", "ApplyWtg partition 3: not marked complete (never applied, or an apply was interrupted)"),
        c("an unreadable marker re-applies", HOME, stick(true, RECORD, partition(SLOT, new MarkerRead.Unreadable("not JSON"))),
            "PrepareWtgImage", "RetractWtgRecord", "ApplyWtg partition 3: its marker is unreadable: not JSON"),
        c("a partition whose identity changed (its BCD names the old one) re-applies", HOME, stick(true, RECORD, renamed),
            "PrepareWtgImage", "RetractWtgRecord", "ApplyWtg partition 3: its boot configuration names " + IDENTITY
                + ", but the partition is now " + OTHER_IDENTITY),
        c("a slot without NTFS is formatted and applied", HOME, stick(true, null, new WtgVolumeState(WtgTarget.Partition, 3,
                SLOT, null, SLOT.sizeBytes(), null, "holds no filesystem", new MarkerRead.Absent(), null)),
            "PrepareWtgImage", "ApplyWtg partition 3: partition 3 holds no filesystem"),
        c("a larger size recreates our partition", bigger, stick(true, RECORD, APPLIED_HOME),
            "PrepareWtgImage", "RetractWtgRecord", "CreateWtgPartition 3 " + new Region(SLOT.startSector(), 1536 * 2048),
            "ApplyWtg partition 3: size is 1024 MiB, the profile asks 1536 MiB"),
        c("someone else's partition in the slot is left alone", HOME, stick(true, null, foreign)),
        c("a removed profile removes our system", null, stick(false, RECORD, APPLIED_HOME),
            "RetractWtgRecord", "RemoveWtg partition 3"),
        c("a removed profile leaves someone else's partition", null, stick(false, null, foreign)),
        c("a VHD profile applies a missing VHD", HOME_VHD, stick(true, null),
            "PrepareWtgImage", "ApplyWtg wtg/win11.vhd: missing"),
        c("a good VHD the manifest records writes nothing", HOME_VHD, stick(true, new WtgRecord("win11-wtg", "VhdFile",
            "wtg/win11.vhd", "0b5e8a0e-58f3-4b55-9a36-8c1d0f3e7a11", SHA, 2, "Windows 11 Home", "Windows 11 Home",
            "c".repeat(64), "Generated", "2026-11-25T12:00:00Z"), vhd(valid(marker(HOME_VHD, 2, BootConfiguration.Generated))))),
        c("a complete system the manifest does not record (its run ended before the manifest) is recorded, not re-applied",
            HOME, stick(true, null, APPLIED_HOME), "RecordWtg partition 3 0b5e8a0e-58f3-4b55-9a36-8c1d0f3e7a11"),
        c("a complete system the manifest records as another apply is recorded anew", HOME,
            stick(true, new WtgRecord("win11-wtg", "Partition", "partition 3", "an-earlier-apply", SHA, 2, "Windows 11 Home",
                "Windows 11 Home", "c".repeat(64), "Generated", "2026-11-20T12:00:00Z"), APPLIED_HOME),
            "RecordWtg partition 3 0b5e8a0e-58f3-4b55-9a36-8c1d0f3e7a11"),
        c("moving from a partition to a VHD applies the VHD, then removes the partition", HOME_VHD,
            stick(true, RECORD, APPLIED_HOME),
            "PrepareWtgImage", "RetractWtgRecord", "ApplyWtg wtg/win11.vhd: missing", "RemoveWtg partition 3"),
        new Case("formatting the data partition re-applies its VHD", HOME_VHD,
            stick(true, null, vhd(valid(marker(HOME_VHD, 2, BootConfiguration.Generated)))), true,
            List.of("PrepareWtgImage", "ApplyWtg wtg/win11.vhd: the data partition is formatted")))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(Case c) {
    WtgPlanner.Outcome outcome = new WindowsToGoPlanner().plan(c.desired(), c.observed(), LAYOUT, c.formatted());

    List<String> steps = new ArrayList<>();
    outcome.preparations().forEach(a -> steps.add(step(a)));
    outcome.actions().forEach(a -> steps.add(step(a)));
    assertThat(steps).containsExactlyElementsOf(c.steps());
    assertThat(outcome.notes()).noneMatch(n -> n.severity() == PlanNote.Severity.REFUSED);
  }

  static Stream<Arguments> notes() {
    ResolvedWtg enterprise = profile(WtgTarget.Partition, null, "Windows 11 Enterprise");
    ResolvedWtg missingIndex = profile(WtgTarget.Partition, 7, null);
    ResolvedWtg tooBig = new ResolvedWtg("win11-wtg", HOME.imageUrl(), SHA, 5000L, null, "Windows 11 Home",
        WtgTarget.Partition, 4096, null, HOME.unattend(), null);
    WtgVolumeState foreign = new WtgVolumeState(WtgTarget.Partition, 4, new Region(SLOT.startSector() + 2048, 4096), null,
        4096 * 512L, null, null, new MarkerRead.Absent(), null);
    WtgVolumeState notBootable = partition(SLOT, valid(marker(HOME, 2, BootConfiguration.NotGenerated)));
    return Stream.of(
        Arguments.of("an unknown edition is refused, listing the images", enterprise, stick(false, RECORD, APPLIED_HOME),
            PlanNote.Severity.REFUSED, "WtgImageNotFound",
            "spec.edition \"Windows 11 Enterprise\" matches no image of WtgProfile \"win11-wtg\"'s image aaaaaaaaaaaa; "
                + "it has 1 \"Windows 11 Pro\" (Professional), 2 \"Windows 11 Home\" (Core)"),
        Arguments.of("a missing index of a cached new image is refused before anything is written", missingIndex,
            stick(true, null), PlanNote.Severity.REFUSED, "WtgImageNotFound", "spec.index 7 is not an image"),
        Arguments.of("someone else's partition in the slot", HOME, stick(true, null, foreign), PlanNote.Severity.UNCONVERGED,
            "WtgSlotOccupied", "partition 4"),
        Arguments.of("a profile larger than the reserved space", tooBig, stick(true, null), PlanNote.Severity.UNCONVERGED,
            "WtgDoesNotFit", "needs 4096 MiB"),
        Arguments.of("a system without boot configuration says so", HOME, stick(true, RECORD, notBootable),
            PlanNote.Severity.INFO, "WtgBootNotGenerated", "has no boot configuration: no template"),
        Arguments.of("a VHD without Ventoy's vhdboot plugin says how Ventoy would boot it", HOME_VHD,
            new ObservedWtg(List.of(), null, List.of(vhd(valid(marker(HOME_VHD, 2, BootConfiguration.Generated)))), SERIAL,
                true, new WimInfo(CATALOG), false),
            PlanNote.Severity.INFO, "WtgVhdbootPluginMissing", "/ventoy/ventoy_vhdboot.img"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notes")
  void notes(String name, ResolvedWtg desired, ObservedWtg observed, PlanNote.Severity severity, String reason,
      String message) {
    WtgPlanner.Outcome outcome = new WindowsToGoPlanner().plan(desired, observed, LAYOUT, false);

    assertThat(outcome.notes()).singleElement().satisfies(n -> {
      assertThat(n.severity()).isEqualTo(severity);
      assertThat(n.reason()).isEqualTo(reason);
      assertThat(n.message()).contains(message);
    });
    if (severity != PlanNote.Severity.INFO) {
      assertThat(outcome.actions()).isEmpty();
      assertThat(outcome.preparations()).isEmpty();
    }
  }

  private static String step(Action a) {
    if (a instanceof ApplyWtg apply) {
      return "ApplyWtg " + apply.target() + ": " + String.join("; ", apply.reasons());
    }
    if (a instanceof CreateWtgPartition create) {
      return "CreateWtgPartition " + create.number() + " " + create.region();
    }
    if (a instanceof RemoveWtg remove) {
      return "RemoveWtg " + remove.target();
    }
    if (a instanceof io.rescuefleet.station.plan.RecordWtg record) {
      return "RecordWtg " + record.target() + " " + record.record().applyId();
    }
    if (a instanceof FetchImage || a instanceof PrepareWtgImage || a instanceof RetractWtgRecord) {
      return a.type();
    }
    return a.describe();
  }
}
