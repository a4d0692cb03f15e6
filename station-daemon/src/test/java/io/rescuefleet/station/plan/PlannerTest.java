package io.rescuefleet.station.plan;

import static io.rescuefleet.station.plan.Sticks.MIB;
import static io.rescuefleet.station.plan.Sticks.converged;
import static io.rescuefleet.station.plan.Sticks.desired;
import static io.rescuefleet.station.plan.Sticks.file;
import static io.rescuefleet.station.plan.Sticks.sha;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.station.fs.FsSignature;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.manifest.ManifestRead;
import io.rescuefleet.station.observe.FileCheck;
import io.rescuefleet.station.observe.ObservedDrive;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner, case by case: a stick in some state, the spec, and the plan that must come out. */
class PlannerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

  /** One case: what the stick must be, what it is, the actions (in order) and note reasons expected. */
  record Case(String name, DesiredDrive desired, ObservedDrive observed, List<String> actions, List<String> notes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    DesiredDrive d = desired();
    long dataBytes = DesiredLayout.compute(Sticks.SECTORS, PartitionStyle.GPT, 0).data().sizeBytes();
    return Stream.of(
        new Case("a converged stick needs nothing", d, converged(d).build(), List.of(), List.of()),
        new Case("a blank stick gets everything, sources fetched first and the manifest last", d,
            converged(d).blank().build(), List.of(
                "FetchImage cache/" + sha("alpha").substring(0, 12),
                "FetchImage cache/" + sha("beta").substring(0, 12),
                "FetchImage cache/" + sha("gamma").substring(0, 12),
                "FormatDataPartition data partition", "WritePartitionTable partition table", "WriteBootCode boot code",
                "WriteEfiImage VTOYEFI partition",
                "CopyFile iso/alpha.iso (new filesystem)", "CopyFile iso/beta.iso (new filesystem)",
                "CopyFile tools/gamma.iso (new filesystem)",
                "VerifyFile iso/alpha.iso", "VerifyFile iso/beta.iso", "VerifyFile tools/gamma.iso",
                "WriteVentoyJson ventoy/ventoy.json", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a blank stick without a release gets an empty VTOYEFI and a note", desired(x -> x.noRelease().pinned(null)),
            converged(desired(x -> x.noRelease().pinned(null))).blank().build(), List.of(
                "FetchImage cache/" + sha("alpha").substring(0, 12), "FetchImage cache/" + sha("beta").substring(0, 12),
                "FetchImage cache/" + sha("gamma").substring(0, 12),
                "FormatDataPartition data partition", "WritePartitionTable partition table", "FormatEfiPartition VTOYEFI partition",
                "CopyFile iso/alpha.iso (new filesystem)", "CopyFile iso/beta.iso (new filesystem)",
                "CopyFile tools/gamma.iso (new filesystem)",
                "VerifyFile iso/alpha.iso", "VerifyFile iso/beta.iso", "VerifyFile tools/gamma.iso",
                "WriteVentoyJson ventoy/ventoy.json", "WriteManifest .rescuefleet/manifest.json"),
            List.of("BootloaderNotInstalled")),
        new Case("a deleted image is copied back, and retracted from the manifest first", d,
            converged(d).without("iso/beta.iso").build(), List.of("RetractManifestEntries .rescuefleet/manifest.json",
                "CopyFile iso/beta.iso (missing)", "VerifyFile iso/beta.iso", "WriteManifest .rescuefleet/manifest.json"),
            List.of()),
        new Case("a corrupt image is rewritten alone", d,
            converged(d).check("iso/alpha.iso", FileCheck.Status.MISMATCH, null).build(), List.of(
                "RetractManifestEntries .rescuefleet/manifest.json", "CopyFile iso/alpha.iso (content differs from its verified hash)",
                "VerifyFile iso/alpha.iso", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("an image of the wrong size is rewritten without hashing", d,
            converged(d).resized("tools/gamma.iso", 5 * MIB).build(), List.of(
                "RetractManifestEntries .rescuefleet/manifest.json", "CopyFile tools/gamma.iso (size differs)",
                "VerifyFile tools/gamma.iso", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a touched image that still hashes right is kept; only its record is refreshed", d,
            converged(d).touched("iso/beta.iso").check("iso/beta.iso", FileCheck.Status.MATCH, sha("beta")).build(),
            List.of("WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("an edited ventoy.json is restored, its hash and the spec's claim withdrawn from the manifest first", d,
            converged(d).ventoyJson(sha("edited")).build(), List.of("RetractManifestEntries .rescuefleet/manifest.json",
                "WriteVentoyJson ventoy/ventoy.json", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a foreign file is left alone and needs nothing", d, converged(d).foreign("notes.txt", 10).build(),
            List.of(), List.of()),
        new Case("an owned image that left the spec is deleted", desired(x -> x.files(file("alpha", "iso/alpha.iso", 40 * MIB))),
            converged(d).build(), List.of("RetractManifestEntries .rescuefleet/manifest.json",
                "DeleteFile iso/beta.iso", "DeleteFile tools/gamma.iso", "WriteManifest .rescuefleet/manifest.json"),
            List.of()),
        new Case("an unrecorded file that is already the desired content is adopted, not rewritten", d,
            converged(d).unrecorded("iso/alpha.iso").check("iso/alpha.iso", FileCheck.Status.MATCH, sha("alpha")).build(),
            List.of("WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("an unrecorded file with other content is never overwritten", d,
            converged(d).unrecorded("iso/alpha.iso").check("iso/alpha.iso", FileCheck.Status.MISMATCH, sha("other")).build(),
            List.of(), List.of("UnmanagedFileInTheWay")),
        new Case("a path retracted by a run that died before rewriting it is rewritten, not a stranger's file in the way", d,
            converged(d).pending("iso/alpha.iso").check("iso/alpha.iso", FileCheck.Status.MISMATCH, sha("old alpha")).build(),
            List.of("CopyFile iso/alpha.iso (left unverified by an interrupted run)", "VerifyFile iso/alpha.iso",
                "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a path retracted by a run that died before deleting it is deleted, not left as unmanaged litter",
            desired(x -> x.files(file("alpha", "iso/alpha.iso", 40 * MIB), file("beta", "iso/beta.iso", 60 * MIB))),
            converged(d).pending("tools/gamma.iso").build(),
            List.of("DeleteFile tools/gamma.iso", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a pending path that already holds the desired content is adopted", d,
            converged(d).pending("iso/beta.iso").check("iso/beta.iso", FileCheck.Status.MATCH, sha("beta")).build(),
            List.of("WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a spec naming new content for an owned path replaces it", d,
            converged(d).recordedWithOldContent("iso/alpha.iso").build(), List.of(
                "RetractManifestEntries .rescuefleet/manifest.json", "CopyFile iso/alpha.iso (spec names new content)",
                "VerifyFile iso/alpha.iso", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a wiped partition table is rewritten; the intact filesystems are kept, the claim withdrawn meanwhile", d,
            converged(d).noTable().build(), List.of("RetractManifestEntries .rescuefleet/manifest.json",
                "WritePartitionTable partition table", "WriteBootCode boot code", "WriteManifest .rescuefleet/manifest.json"),
            List.of()),
        new Case("a data region holding another filesystem is formatted", d,
            converged(d).dataHolds(new FsSignature("vfat", "KINGSTON", "X", "FAT32"), dataBytes).build(), List.of(
                "FormatDataPartition data partition", "CopyFile iso/alpha.iso (new filesystem)",
                "CopyFile iso/beta.iso (new filesystem)", "CopyFile tools/gamma.iso (new filesystem)",
                "VerifyFile iso/alpha.iso", "VerifyFile iso/beta.iso", "VerifyFile tools/gamma.iso",
                "WriteVentoyJson ventoy/ventoy.json", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("an exFAT that does not fill its partition is formatted", d,
            converged(d).dataHolds(new FsSignature("exfat", "Ventoy", "X", null), dataBytes - MIB).build(), List.of(
                "FormatDataPartition data partition", "CopyFile iso/alpha.iso (new filesystem)",
                "CopyFile iso/beta.iso (new filesystem)", "CopyFile tools/gamma.iso (new filesystem)",
                "VerifyFile iso/alpha.iso", "VerifyFile iso/beta.iso", "VerifyFile tools/gamma.iso",
                "WriteVentoyJson ventoy/ventoy.json", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a new label is set in place", desired(x -> x.label("RESCUE")), converged(d).build(),
            List.of("RetractManifestEntries .rescuefleet/manifest.json", "RelabelDataPartition data partition",
                "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("an older Ventoy is upgraded without rewriting the images", d,
            converged(d).efiVersion("1.0.99").build(), List.of("RetractManifestEntries .rescuefleet/manifest.json",
                "WriteEfiImage VTOYEFI partition", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("turning Secure Boot support off rewrites VTOYEFI and no image", desired(x -> x.secureBoot(false)),
            converged(d).build(), List.of("RetractManifestEntries .rescuefleet/manifest.json",
                "WriteEfiImage VTOYEFI partition", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a manifest that claims no spec has no claim to withdraw before the layout changes", d,
            converged(d).manifestClaimingNothing().efiVersion("1.0.99").build(), List.of("WriteEfiImage VTOYEFI partition",
                "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a pinned version without a release stays unconverged, the rest proceeds", desired(x -> x.noRelease()),
            converged(desired(x -> x.noRelease())).efiVersion(null).without("iso/alpha.iso").build(), List.of(
                "RetractManifestEntries .rescuefleet/manifest.json", "CopyFile iso/alpha.iso (missing)",
                "VerifyFile iso/alpha.iso", "WriteManifest .rescuefleet/manifest.json"),
            List.of("BootloaderUnavailable")),
        new Case("a release of another version than pinned is refused", desired(x -> x.pinned("1.0.99")),
            converged(d).efiVersion("1.0.99").build(), List.of(), List.of("VentoyReleaseMismatch")),
        new Case("images that do not fit are refused and the unmanaged files named", d,
            converged(d).without("iso/beta.iso").foreign("movies/big.mkv", 250 * MIB).free(30 * MIB).build(),
            List.of("RetractManifestEntries .rescuefleet/manifest.json", "CopyFile iso/beta.iso (missing)",
                "VerifyFile iso/beta.iso", "WriteManifest .rescuefleet/manifest.json"), List.of("InsufficientSpace")),
        new Case("leftovers of an interrupted copy are cleaned", d,
            converged(d).staging(".rescuefleet/staging/beta.iso.1234.part").build(),
            List.of("CleanStaging .rescuefleet/staging", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a garbled manifest owns nothing: matching files are adopted, others left alone", d,
            converged(d).manifest(new ManifestRead.Unreadable("not valid JSON")).foreign("notes.txt", 5)
                .check("iso/alpha.iso", FileCheck.Status.MATCH, sha("alpha"))
                .check("iso/beta.iso", FileCheck.Status.MATCH, sha("beta"))
                .check("tools/gamma.iso", FileCheck.Status.MATCH, sha("gamma")).build(),
            List.of("WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a future-version manifest is unknown state too: nothing it lists is deleted", desired(
            x -> x.files(file("alpha", "iso/alpha.iso", 40 * MIB))),
            converged(d).manifest(new ManifestRead.FutureVersion(7))
                .check("iso/alpha.iso", FileCheck.Status.MATCH, sha("alpha")).build(),
            List.of("WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("an image missing from the cache is fetched before the stick is touched", d,
            converged(d).without("iso/alpha.iso").uncached().build(), List.of(
                "FetchImage cache/" + sha("alpha").substring(0, 12), "RetractManifestEntries .rescuefleet/manifest.json",
                "CopyFile iso/alpha.iso (missing)", "VerifyFile iso/alpha.iso", "WriteManifest .rescuefleet/manifest.json"),
            List.of()),
        new Case("a sampled pass over a converged stick is only recorded", d, converged(d).sampled(2).build(),
            List.of("WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a stick last converged to another spec records the new one", d,
            converged(d).manifestForOtherSpec().build(), List.of("WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("a partition in the reserved space RescueFleet cannot prove it made is kept; Windows To Go waits",
            desired(Sticks.Desired::withWtg),
            converged(desired(Sticks.Desired::withWtg)).wtgPartition(wtgPartition()).build(), List.of(),
            List.of("WtgSlotOccupied")),
        new Case("Windows To Go is fetched and checked first, then partitioned, applied and recorded",
            desired(Sticks.Desired::withWtg), converged(desired(Sticks.Desired::withWtg)).build(), List.of(
                "FetchImage cache/ffffffffffff", "PrepareWtgImage cache/ffffffffffff", "CreateWtgPartition partition 3",
                "ApplyWtg partition 3", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("switching MBR to GPT repartitions and reformats (the data region changes size)",
            desired(x -> x.style(PartitionStyle.GPT)),
            converged(desired(x -> x.style(PartitionStyle.MBR))).efiBlank().build(), List.of(
                "FormatDataPartition data partition", "WritePartitionTable partition table", "WriteBootCode boot code",
                "WriteEfiImage VTOYEFI partition",
                "CopyFile iso/alpha.iso (new filesystem)", "CopyFile iso/beta.iso (new filesystem)",
                "CopyFile tools/gamma.iso (new filesystem)",
                "VerifyFile iso/alpha.iso", "VerifyFile iso/beta.iso", "VerifyFile tools/gamma.iso",
                "WriteVentoyJson ventoy/ventoy.json", "WriteManifest .rescuefleet/manifest.json"), List.of()),
        new Case("an NTFS drive on an exFAT stick is reformatted", desired(x -> x.fs(DataFilesystem.NTFS)),
            converged(d).dataHolds(new FsSignature("exfat", "Ventoy", "X", null), dataBytes).build(), List.of(
                "FormatDataPartition data partition", "CopyFile iso/alpha.iso (new filesystem)",
                "CopyFile iso/beta.iso (new filesystem)", "CopyFile tools/gamma.iso (new filesystem)",
                "VerifyFile iso/alpha.iso", "VerifyFile iso/beta.iso", "VerifyFile tools/gamma.iso",
                "WriteVentoyJson ventoy/ventoy.json", "WriteManifest .rescuefleet/manifest.json"), List.of())
    ).map(Arguments::of);
  }

  /** A Windows To Go partition filling the reserved space of the WTG drive. */
  private static PartitionEntry wtgPartition() {
    var reserved = DesiredLayout.compute(Sticks.SECTORS, PartitionStyle.GPT, 128).reserved();
    return new PartitionEntry(3, reserved.startSector(), reserved.sectors(), "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
        "W", "WTG", false, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(Case c) {
    Plan plan = new Planner(CLOCK).plan(c.desired(), c.observed());
    assertThat(plan.actions()).extracting(PlannerTest::summary).containsExactlyElementsOf(c.actions());
    assertThat(plan.notes()).extracting(PlanNote::reason).containsExactlyElementsOf(c.notes());
  }

  static String summary(Action a) {
    return a instanceof CopyFile c ? "CopyFile " + c.path() + " (" + c.reason() + ")" : a.type() + " " + a.target();
  }
}
