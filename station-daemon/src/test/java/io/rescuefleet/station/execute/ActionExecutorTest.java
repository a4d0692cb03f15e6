package io.rescuefleet.station.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedUnattend;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.api.v1alpha1.SanPolicy;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.layout.Region;
import io.rescuefleet.station.manifest.ManifestCodec;
import io.rescuefleet.station.manifest.ManifestComposer;
import io.rescuefleet.station.manifest.ManifestRead;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.ApplyWtg;
import io.rescuefleet.station.plan.CopyFile;
import io.rescuefleet.station.plan.CreateWtgPartition;
import io.rescuefleet.station.plan.DeleteFile;
import io.rescuefleet.station.plan.DesiredDrive;
import io.rescuefleet.station.plan.DesiredFile;
import io.rescuefleet.station.plan.FetchImage;
import io.rescuefleet.station.plan.FormatDataPartition;
import io.rescuefleet.station.plan.Plan;
import io.rescuefleet.station.plan.PrepareWtgImage;
import io.rescuefleet.station.plan.RemoveWtg;
import io.rescuefleet.station.plan.RetractManifestEntries;
import io.rescuefleet.station.plan.RetractWtgRecord;
import io.rescuefleet.station.plan.VerifyFile;
import io.rescuefleet.station.plan.WriteManifest;
import io.rescuefleet.station.plan.WritePartitionTable;
import io.rescuefleet.station.plan.WriteVentoyJson;
import io.rescuefleet.station.verify.Digests;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor acts in plan order, decides nothing, stops at the first failure, and lists only verified files. */
class ActionExecutorTest {
  private static final String SHA_A = Digests.sha256("a");
  private static final String SHA_B = Digests.sha256("b");
  private static final DesiredLayout LAYOUT = DesiredLayout.compute(1 << 20, PartitionStyle.GPT, 0);

  @TempDir
  Path mount;

  private final RecordingWork work = new RecordingWork();
  private final ActionExecutor executor = new ActionExecutor(work.works(),
      new ManifestComposer(Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC)));
  private final java.util.List<String> reports = new java.util.ArrayList<>();

  private final DesiredDrive desired = new DesiredDrive("lab/stick", "d".repeat(64), PartitionStyle.GPT, DataFilesystem.exFAT,
      "Ventoy", 0, true, null, null, List.of(new DesiredFile("a", "iso/a.iso", "file:///a", SHA_A, 100L, null),
      new DesiredFile("b", "iso/b.iso", "file:///b", SHA_B, 200L, null)), "{}\n", Digests.sha256("{}\n"), null);

  private static final StickManifest PREVIOUS = new StickManifest(1, "uuid-7", "lab/stick", "old", "j", "t", "w", 1000, 2,
      List.of(new FileRecord("iso/a.iso", "a", 99, 1, Digests.sha256("old a"), 0, List.of(), "t"),
          new FileRecord("iso/old.iso", "old", 5, 1, SHA_B, 0, List.of(), "t")), List.of(), null);

  private ExecutionResult run(Action... actions) {
    RecordingSession session = new RecordingSession(mount, work.calls);
    return executor.execute(new Plan(LAYOUT, List.of(actions), List.of(), List.of()),
        new ExecutionContext(session, desired, null, Optional.of(PREVIOUS), Cancellation.none()), new ExecutionListener() {
          @Override
          public void started(int index, int count, Action action) {}

          @Override
          public void progress(Action action, io.rescuefleet.api.wire.ReportBatch.Direction direction, long bytes) {}

          @Override
          public void finished(Action action, ActionReport report) {
            reports.add(report.type() + (report.ok() ? " ok" : " failed: " + report.error()));
          }
        });
  }

  private static WriteManifest manifest(String... pending) {
    return new WriteManifest("test", List.of(), List.of(pending), null, true, false);
  }

  @Test
  void actsInPlanOrderAndQuiescesBeforeDiskLevelWork() {
    ExecutionResult r = run(new FetchImage("a", "file:///a", SHA_A, 100, null),
        new WritePartitionTable(LAYOUT, null, List.of(), List.of("no partition table")),
        new FormatDataPartition(DataFilesystem.exFAT, "Ventoy", LAYOUT.data(), "blank"),
        new CopyFile("iso/a.iso", "a", SHA_A, 100, CopyFile.Reason.FORMATTED),
        new VerifyFile("iso/a.iso", "a", SHA_A, 100), manifest("iso/a.iso"));
    assertThat(r.failure()).isNull();
    assertThat(work.calls).containsExactly("fetch a", "table /dev/fake GPT", "format /dev/fake-data exFAT Ventoy",
        "mount rw", "copy iso/a.iso", "readBack iso/a.iso", "write .rescuefleet/manifest.json");
  }

  @Test
  void theManifestListsVerifiedCopiesOnly() {
    work.cache.put(SHA_B, new io.rescuefleet.station.cache.CachedImage(SHA_B, Path.of("/c/b"), 200, 16 << 20, List.of(SHA_B)));
    run(new FetchImage("a", "file:///a", SHA_A, 100, null),
        new CopyFile("iso/a.iso", "a", SHA_A, 100, CopyFile.Reason.MISSING),
        new CopyFile("iso/b.iso", "b", SHA_B, 200, CopyFile.Reason.MISSING),
        new VerifyFile("iso/a.iso", "a", SHA_A, 100), manifest("iso/a.iso", "iso/b.iso"));
    StickManifest written = ((ManifestRead.Valid) ManifestCodec.read(work.written.get(".rescuefleet/manifest.json"))).manifest();
    assertThat(written.files()).extracting(FileRecord::path).containsExactly("iso/a.iso");
    assertThat(written.specDigest()).as("not every pending file verified: the spec is not claimed").isEqualTo("old");
    assertThat(written.driveUuid()).isEqualTo("uuid-7");
    assertThat(written.lifetimeBytesWritten()).isGreaterThan(1000);
  }

  @Test
  void withoutADeviceWriteCounterTheManifestCountsTheActionsOwnBytes() {
    // /dev/fake has no /sys/class/block entry: the fallback is the bytes the actions moved, each counted once.
    run(new FetchImage("a", "file:///a", SHA_A, 100, null), new CopyFile("iso/a.iso", "a", SHA_A, 100, CopyFile.Reason.MISSING),
        new VerifyFile("iso/a.iso", "a", SHA_A, 100), manifest("iso/a.iso"));
    StickManifest written = ((ManifestRead.Valid) ManifestCodec.read(work.written.get(".rescuefleet/manifest.json"))).manifest();
    assertThat(written.lifetimeBytesWritten()).isEqualTo(PREVIOUS.lifetimeBytesWritten() + 100);
  }

  @Test
  void aReadBackMismatchStopsTheRunBeforeTheManifest() {
    work.corruptOnDevice.add("iso/a.iso");
    ExecutionResult r = run(new FetchImage("a", "file:///a", SHA_A, 100, null),
        new CopyFile("iso/a.iso", "a", SHA_A, 100, CopyFile.Reason.MISSING), new VerifyFile("iso/a.iso", "a", SHA_A, 100),
        manifest("iso/a.iso"));
    assertThat(r.failure()).isInstanceOf(VerifyFailedException.class)
        .hasMessage("iso/a.iso read back from /dev/fake differs from what was written: chunk 0 differs (the copy was removed)");
    assertThat(work.calls).doesNotContain("write .rescuefleet/manifest.json").contains("delete iso/a.iso");
    assertThat(reports).last().asString().startsWith("VerifyFile failed");
  }

  @Test
  void consecutiveCopiesGoAsOneBatchYetEachGetsItsReportAndAFailureStopsTheBatch() {
    work.cache.put(SHA_B, new io.rescuefleet.station.cache.CachedImage(SHA_B, Path.of("/c/b"), 200, 16 << 20, List.of(SHA_B)));
    work.failOn = "copy iso/b.iso";
    ExecutionResult r = run(new FetchImage("a", "file:///a", SHA_A, 100, null),
        new CopyFile("iso/a.iso", "a", SHA_A, 100, CopyFile.Reason.MISSING),
        new CopyFile("iso/b.iso", "b", SHA_B, 200, CopyFile.Reason.MISSING),
        new CopyFile("iso/c.iso", "a", SHA_A, 100, CopyFile.Reason.MISSING),
        new VerifyFile("iso/a.iso", "a", SHA_A, 100), manifest("iso/a.iso"));
    assertThat(r.failure()).isNotNull();
    assertThat(reports).containsExactly("FetchImage ok", "CopyFile ok", "CopyFile failed: " + r.failure().getMessage());
    assertThat(r.reports()).extracting(ActionReport::path).endsWith("iso/a.iso", "iso/b.iso").hasSize(3);
    assertThat(work.calls).doesNotContain("copy iso/c.iso", "readBack iso/a.iso");
  }

  @Test
  void aCopyThatCannotBeReadBackIsTheSticksFailingNotAMismatch() {
    work.cache.put(SHA_A, new io.rescuefleet.station.cache.CachedImage(SHA_A, Path.of("/c/a"), 100, 16 << 20, List.of(SHA_A)));
    work.unreadableOnDevice.add("iso/a.iso");
    ExecutionResult r = run(new CopyFile("iso/a.iso", "a", SHA_A, 100, CopyFile.Reason.MISSING),
        new VerifyFile("iso/a.iso", "a", SHA_A, 100), manifest("iso/a.iso"));
    assertThat(r.failure()).isInstanceOf(io.rescuefleet.station.failure.StickIoException.class)
        .hasMessage("verify iso/a.iso from /dev/fake: cannot read /dev/fake-data at 4096 (the stick did not answer: was it "
            + "pulled, or is it failing?)");
    assertThat(work.calls).noneMatch(c -> c.startsWith("rehash"));
  }

  @Test
  void aCopyFromARottenCachedImageIsTheCachesFaultAndTheImageLeavesTheCache() {
    work.corruptOnDevice.add("iso/a.iso");
    work.corruptInCache.add(SHA_A);
    ExecutionResult r = run(new FetchImage("a", "file:///a", SHA_A, 100, null),
        new CopyFile("iso/a.iso", "a", SHA_A, 100, CopyFile.Reason.MISSING), new VerifyFile("iso/a.iso", "a", SHA_A, 100),
        manifest("iso/a.iso"));
    assertThat(r.failure()).isInstanceOf(io.rescuefleet.station.cache.SourceFailedException.class)
        .hasMessageContaining("the station's cached copy of a (cache/" + SHA_A.substring(0, 12) + ") is corrupt")
        .hasMessageContaining("fetched again on the next run");
    assertThat(work.calls).containsSubsequence("copy iso/a.iso", "readBack iso/a.iso", "delete iso/a.iso",
        "rehash " + SHA_A.substring(0, 8), "evict " + SHA_A.substring(0, 8)).doesNotContain("write .rescuefleet/manifest.json");
  }

  @Test
  void stopsAtTheFirstFailure() {
    work.failOn = "delete";
    ExecutionResult r = run(new DeleteFile("iso/old.iso", 5, "left the spec"), new DeleteFile("iso/other.iso", 5, "x"),
        manifest());
    assertThat(r.failure()).hasMessageContaining("injected failure in delete iso/old.iso");
    assertThat(work.calls).containsExactly("mount rw", "delete iso/old.iso");
    assertThat(reports).containsExactly("DeleteFile failed: injected failure in delete iso/old.iso");
  }

  @Test
  void aStickGoneFromUnderItsFilesystemIsAStickIoErrorSayingWhatTheSystemSaid() {
    work.cache.put(SHA_A, new io.rescuefleet.station.cache.CachedImage(SHA_A, Path.of("/c/a"), 100, 16 << 20, List.of(SHA_A)));
    work.failOn = "copy";
    work.failWith = new java.io.UncheckedIOException("cannot write iso/a.iso", new java.nio.file.FileSystemException(
        "/tmp/rescuefleet-mnt-123/.rescuefleet/staging/a.iso.1.part", null, "Transport endpoint is not connected"));
    ExecutionResult r = run(new CopyFile("iso/a.iso", "a", SHA_A, 100, CopyFile.Reason.MISSING), manifest("iso/a.iso"));
    assertThat(r.failure()).isInstanceOfSatisfying(io.rescuefleet.station.failure.StickIoException.class, e -> {
      assertThat(e.reason()).isEqualTo("StickIoError");
      assertThat(e.getMessage()).isEqualTo("copy iso/a.iso (missing): Transport endpoint is not connected "
          + "(the stick's filesystem went away: was the stick pulled?)");
    });
    assertThat(reports).containsExactly("CopyFile failed: " + r.failure().getMessage());
  }

  @Test
  void aFullDataPartitionIsInsufficientSpaceNotAnIoError() {
    work.failOn = "write ventoy";
    work.failWith = new java.io.UncheckedIOException("cannot write ventoy/ventoy.json",
        new java.io.IOException("No space left on device"));
    ExecutionResult r = run(new WriteVentoyJson("{}\n", Digests.sha256("{}\n"), "missing"));
    assertThat(r.failure()).isInstanceOf(InsufficientSpaceException.class)
        .hasMessage("write ventoy/ventoy.json (missing): the data partition is full (No space left on device)");
  }

  @Test
  void retractingRewritesThePreviousManifestWithoutThePaths() {
    run(new RetractManifestEntries(List.of("ISO/A.ISO")));
    StickManifest written = ((ManifestRead.Valid) ManifestCodec.read(work.written.get(".rescuefleet/manifest.json"))).manifest();
    assertThat(written.files()).extracting(FileRecord::path).containsExactly("iso/old.iso");
    assertThat(written.specDigest()).isNull();
  }

  private static final ResolvedWtg WTG = new ResolvedWtg("win11-wtg", "file:///install.wim", SHA_A, 100L, null,
      "Windows 11 Home", WtgTarget.Partition, 1024, null,
      new ResolvedUnattend("WTG-{serial}", true, true, SanPolicy.OfflineInternal), null);
  private static final Region SLOT = new Region(1 << 19, 1024 * 2048);

  @Test
  void windowsToGoIsCheckedThenAppliedAndTheManifestRecordsWhatWasApplied() {
    work.fetch(new FetchImage("wtg/win11-wtg", "file:///install.wim", SHA_A, 100, null), Cancellation.none(), n -> { });

    ExecutionResult result = run(new PrepareWtgImage("win11-wtg", SHA_A, null, "Windows 11 Home", null),
        new RetractWtgRecord("partition 3"), new CreateWtgPartition(3, SLOT, PartitionStyle.GPT),
        new ApplyWtg(WTG, 3, SLOT, "SERIAL", List.of("missing"), -1), manifest());

    assertThat(result.failure()).isNull();
    assertThat(work.calls).containsSubsequence("wtgPrepare win11-wtg", "wtgPartition 3", "wtgApply partition 3");
    StickManifest written = ((ManifestRead.Valid) ManifestCodec.read(work.written.get(".rescuefleet/manifest.json"))).manifest();
    assertThat(written.wtg().imageSha256()).isEqualTo(SHA_A);
    assertThat(written.wtg().index()).isEqualTo(2);
    assertThat(written.wtg().location()).isEqualTo("partition 3");
  }

  @Test
  void windowsToGoIsNeverAppliedFromAnImageThisRunDidNotCheck() {
    ExecutionResult result = run(new ApplyWtg(WTG, 3, SLOT, "SERIAL", List.of("missing"), -1));

    assertThat(result.failure()).hasMessageContaining("without checking its image first");
    assertThat(work.calls).noneMatch(c -> c.startsWith("wtgApply"));
  }

  @Test
  void removingWindowsToGoFirstRetractsItsRecordKeepingTheFiles() {
    StickManifest.WtgRecord record = new StickManifest.WtgRecord("win11-wtg", "Partition", "partition 3", "id", SHA_A, 2,
        null, "Windows 11 Home", "u".repeat(64), "Generated", "t");
    StickManifest withWtg = new StickManifest(1, "uuid-7", "lab/stick", "old", "j", "t", "w", 1000, 2, PREVIOUS.files(),
        List.of(), record);

    RecordingSession session = new RecordingSession(mount, work.calls);
    ExecutionResult result = executor.execute(new Plan(LAYOUT, List.of(new RetractWtgRecord("partition 3"),
            new RemoveWtg(WtgTarget.Partition, 3, SLOT, null, "gone")), List.of(), List.of()),
        new ExecutionContext(session, desired, null, Optional.of(withWtg), Cancellation.none()), new ExecutionListener() {
          @Override
          public void started(int index, int count, Action action) {}

          @Override
          public void progress(Action action, io.rescuefleet.api.wire.ReportBatch.Direction direction, long bytes) {}

          @Override
          public void finished(Action action, ActionReport report) {}
        });

    assertThat(result.failure()).isNull();
    assertThat(work.calls).containsSubsequence("write .rescuefleet/manifest.json", "wtgRemove partition 3");
    StickManifest written = ((ManifestRead.Valid) ManifestCodec.read(work.written.get(".rescuefleet/manifest.json"))).manifest();
    assertThat(written.wtg()).isNull();
    assertThat(written.files()).extracting(FileRecord::path).containsExactly("iso/a.iso", "iso/old.iso");
  }
}
