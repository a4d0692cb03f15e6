package io.rescuefleet.station.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.observe.ObservedFile;
import io.rescuefleet.station.plan.DesiredFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifySelectorTest {
  private static final long CHUNK = Digests.CHUNK_SIZE;
  private static final long T = 1_700_000_000_000L;

  /** Three recorded files of 3, 4 and 3 chunks: ten chunks in all. */
  private final List<DesiredFile> desired = List.of(want("a", 3 * CHUNK), want("b", 4 * CHUNK - 5), want("c", 2 * CHUNK + 1));
  private final List<ObservedFile> present = desired.stream().map(d -> new ObservedFile(d.path(), d.size(), T)).toList();
  private final Optional<StickManifest> manifest = Optional.of(manifest(desired));

  private static DesiredFile want(String name, long size) {
    return new DesiredFile(name, "iso/" + name + ".iso", null, Digests.sha256(name), size, null);
  }

  private static StickManifest manifest(List<DesiredFile> files) {
    List<FileRecord> records = new ArrayList<>();
    for (DesiredFile f : files) {
      List<String> chunks = new ArrayList<>();
      for (int i = 0; i < Digests.chunkCount(f.size(), CHUNK); i++) {
        chunks.add(Digests.sha256(f.entry() + i));
      }
      records.add(new FileRecord(f.path(), f.entry(), f.size(), T, f.sha256(), CHUNK, chunks, "2025-01-01T00:00:00Z"));
    }
    return new StickManifest(1, "u", "d", "s", "j", "t", "w", 0, 0, records, List.of(), null);
  }

  @Test
  void quickHashesNothingOnAnUntouchedStick() {
    assertThat(VerifySelector.select(VerifyMode.Quick, 0.1, desired, present, manifest, 0).tasks()).isEmpty();
  }

  @Test
  void fullHashesEveryChunkOfEveryFile() {
    var selection = VerifySelector.select(VerifyMode.Full, 0.1, desired, present, manifest, 0);
    assertThat(selection.tasks()).hasSize(10).allMatch(t -> t.kind() == VerifyTask.Kind.CHUNK);
    assertThat(selection.tasks().stream().mapToLong(VerifyTask::length).sum())
        .isEqualTo(desired.stream().mapToLong(DesiredFile::size).sum());
    assertThat(selection.files()).isEqualTo(3);
  }

  @Test
  void sampledRotatesSoEveryChunkIsCheckedOverOneOverRatioPasses() {
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    for (int pass = 0; pass < 4; pass++) { // ratio 0.3 of 10 chunks: 3 per pass, all covered in 4 passes
      var selection = VerifySelector.select(VerifyMode.Sampled, 0.3, desired, present, manifest, cursor);
      assertThat(selection.tasks()).hasSize(3);
      selection.tasks().forEach(t -> seen.add(t.path() + "#" + t.chunkIndex()));
      cursor = selection.nextCursor();
    }
    assertThat(seen).hasSize(10);
  }

  @Test
  void aFileWhoseMtimeChangedIsHashedWholeInAnyMode() {
    List<ObservedFile> touched = new ArrayList<>(present);
    touched.set(1, new ObservedFile("iso/b.iso", 4 * CHUNK - 5, T + 2000));
    var selection = VerifySelector.select(VerifyMode.Quick, 0.1, desired, touched, manifest, 0);
    assertThat(selection.tasks()).singleElement().satisfies(t -> {
      assertThat(t.path()).isEqualTo("iso/b.iso");
      assertThat(t.kind()).isEqualTo(VerifyTask.Kind.WHOLE);
      assertThat(t.computeChunks()).isTrue();
    });
    assertThat(selection.changed()).containsExactly("iso/b.iso");
  }

  @Test
  void onlyFilesWhoseMetadataStillMatchCountAsIntegrityChecks() {
    List<ObservedFile> touched = new ArrayList<>(present);
    touched.set(1, new ObservedFile("iso/b.iso", 4 * CHUNK - 5, T + 2000));
    var selection = VerifySelector.select(VerifyMode.Full, 0.1, desired, touched, manifest, 0);
    assertThat(selection.tasks()).extracting(VerifyTask::path).contains("iso/a.iso", "iso/b.iso", "iso/c.iso");
    assertThat(selection.changed()).containsExactly("iso/b.iso");
  }

  @Test
  void filesNotRecordedAreHashedWholeAsCandidatesForAdoption() {
    var selection = VerifySelector.select(VerifyMode.Quick, 0.1, desired, present, Optional.empty(), 0);
    assertThat(selection.tasks()).extracting(VerifyTask::path).containsExactly("iso/a.iso", "iso/b.iso", "iso/c.iso");
    assertThat(selection.tasks()).allMatch(t -> t.kind() == VerifyTask.Kind.WHOLE);
    assertThat(selection.changed()).containsExactlyInAnyOrder("iso/a.iso", "iso/b.iso", "iso/c.iso");
  }

  @Test
  void aFileOfTheWrongSizeIsNotHashed() {
    List<ObservedFile> shrunk = new ArrayList<>(present);
    shrunk.set(0, new ObservedFile("iso/a.iso", 5, T + 2000));
    assertThat(VerifySelector.select(VerifyMode.Full, 0.1, desired, shrunk, manifest, 0).tasks())
        .noneMatch(t -> t.path().equals("iso/a.iso"));
  }
}
