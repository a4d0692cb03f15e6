package io.rescuefleet.station.engine;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.plan.PlanNote;
import io.rescuefleet.station.release.VentoyRelease;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import io.rescuefleet.station.verify.Digests;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on real loop devices with the real tools: a blank stick converges; then, one change at a
 * time, a stick is spoiled the way people and worn flash spoil sticks, and the next apply finds the
 * difference and corrects exactly it.
 */
class EngineComponentTest {
  static final long STICK = mib(256);
  @TempDir
  static Path shared;
  static StickLab lab;
  static String yaml;

  @TempDir
  Path dir;
  Path image;
  EngineResult first;

  @BeforeAll
  static void lab() {
    Machine.requireEngineTools();
    // A small image, one spanning two 16 MiB chunks, and one whose size is not a multiple of anything.
    lab = new StickLab(shared, mib(4), mib(20) + 4321, mib(3) + 123);
    yaml = lab.drive("GPT", "exFAT");
  }

  @BeforeEach
  void convergedStick() {
    image = dir.resolve("stick.img");
    first = lab.apply(image, STICK, yaml, null);
    assertThat(first.failure()).isNull();
    assertThat(first.converged()).isTrue();
  }

  @AfterEach
  void theDataFilesystemStaysConsistent() {
    var fsck = lab.fsckData(image);
    assertThat(fsck.exitCode()).as("fsck.exfat -n on the data partition:%n%s%s", fsck.stdout(), fsck.stderr()).isZero();
  }

  private long imageBytes() {
    return lab.images.stream().mapToLong(i -> i.size()).sum();
  }

  @Test
  void aBlankStickGetsVentoysLayoutTheImagesAndAManifest() throws IOException {
    Inspection i = lab.inspect(image, VerifyMode.Full);
    assertThat(i.partitionStyle()).isEqualTo("gpt");
    assertThat(i.partitions()).hasSize(2);
    assertThat(i.partitions().get(0)).satisfies(p -> {
      assertThat(p.start()).isEqualTo(2048);
      assertThat(p.name()).isEqualTo("Ventoy");
      assertThat(p.filesystem()).isEqualTo("exfat");
      assertThat(p.label()).isEqualTo("Ventoy");
    });
    assertThat(i.partitions().get(1)).satisfies(p -> {
      assertThat(p.size()).isEqualTo(65536);
      assertThat(p.start() % 8).isZero();
      assertThat(p.start() + p.size()).isLessThanOrEqualTo(STICK / 512 - 33);
      assertThat(p.name()).isEqualTo("VTOYEFI");
      assertThat(p.filesystem()).isEqualTo("vfat");
      assertThat(p.label()).isEqualTo("VTOYEFI");
    });
    assertThat(i.ventoyVersion()).isEqualTo("1.1.05");
    assertThat(i.secureBoot()).isTrue();
    assertThat(i.manifestStatus()).isEqualTo("valid (3 files)");
    assertThat(i.verify().mismatches()).isZero();
    assertThat(i.verify().bytesHashed()).isEqualTo(imageBytes());
    assertThat(i.verify().readPath()).startsWith("device extents");
    for (int n = 0; n < 3; n++) {
      String path = StickLab.path(n);
      String sha = lab.images.get(n).sha256();
      assertThat(i.files()).filteredOn(f -> f.path().equals(path)).singleElement()
          .satisfies(f -> assertThat(f).extracting("sha256", "managed", "state").containsExactly(sha, true, "verified"));
    }
    assertThat(i.ventoyJson()).contains("\"VTOY_MENU_TIMEOUT\" : \"5\"", "\"VTOY_DEFAULT_MENU_MODE\" : \"1\"",
        "\"alias\" : \"Image zero\"");
    // Boot code where Ventoy puts it: the MBR code with GPT's core-image pointer, and the core image at sector 34.
    VentoyRelease release = VentoyRelease.load(lab.release, lab.runner);
    byte[] head = Arrays.copyOf(Files.readAllBytes(image), 1 << 20);
    byte[] code = release.bootCode(io.rescuefleet.api.v1alpha1.PartitionStyle.GPT);
    assertThat(Arrays.copyOf(head, 384)).isEqualTo(Arrays.copyOf(code, 384));
    assertThat(Arrays.copyOfRange(head, 400, 440)).isEqualTo(Arrays.copyOfRange(code, 400, 440));
    assertThat(Arrays.copyOfRange(head, 384, 400)).as("Ventoy's disk UUID").isNotEqualTo(new byte[16]);
    byte[] core = release.core(io.rescuefleet.api.v1alpha1.PartitionStyle.GPT);
    assertThat(Arrays.copyOfRange(head, 34 * 512, 34 * 512 + core.length)).isEqualTo(core);
  }

  @Test
  void theLifetimeCountIsWhatReachedTheDevice() {
    // One meaning of "bytes written": the device's own count, which the wear alert and status.bytesWritten use.
    // Only the manifest's own write (the last thing a run writes) is not in the count it records.
    assertThat(first.lifetimeBytesWritten()).isBetween(first.bytesWritten() - mib(1), first.bytesWritten());
    assertThat(lab.inspect(image, VerifyMode.Quick).manifest().lifetimeBytesWritten()).as("the manifest on the stick")
        .isEqualTo(first.lifetimeBytesWritten());
    assertThat(WireReports.outcome(first).bytesWritten()).as("the operator's outcome").isEqualTo(first.bytesWritten());

    EngineResult full = lab.apply(image, STICK, yaml, VerifyMode.Full);
    assertThat(full.lifetimeBytesWritten()).as("a bookkeeping pass adds what reached the device before its manifest")
        .isBetween(first.lifetimeBytesWritten(), first.lifetimeBytesWritten() + full.bytesWritten());
  }

  @Test
  void applyingAConvergedStickAgainWritesNoImageData() {
    EngineResult quick = lab.apply(image, STICK, yaml, VerifyMode.Quick);
    assertThat(quick.converged()).isTrue();
    assertThat(quick.actions()).isEmpty();
    assertThat(quick.bytesWritten()).as("a quick check mounts read-only and writes nothing").isZero();

    EngineResult full = lab.apply(image, STICK, yaml, VerifyMode.Full);
    assertThat(full.converged()).isTrue();
    assertThat(full.verify().filesChecked()).isEqualTo(3);
    assertThat(full.verify().bytesHashed()).isEqualTo(imageBytes());
    assertThat(full.actions()).extracting(ActionReport::type).containsExactly("WriteManifest");
    assertThat(full.bytesWritten()).as("only the verification is recorded").isLessThan(mib(1));
    assertThat(full.driftDetected()).isFalse();
  }

  @Test
  void everyObservationTellsTheListenerTheStickIdentityFromItsManifest() {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    EngineListener listener = new EngineListener() {
      @Override
      public void manifestObserved(String driveUuid, String driveKey) {
        seen.add(driveUuid + " " + driveKey);
      }
    };
    var manifest = lab.inspect(image, VerifyMode.Quick).manifest();

    EngineResult again = lab.apply(image, STICK, yaml, VerifyMode.Quick, lab.options(), listener);

    assertThat(again.converged()).isTrue();
    assertThat(manifest.driveUuid()).isNotBlank();
    assertThat(seen).containsExactly(manifest.driveUuid() + " " + again.driveKey());
  }

  @Test
  void aDeletedImageIsCopiedBackAlone() {
    lab.edit(image, root -> delete(root.resolve(StickLab.path(1))));
    EngineResult r = lab.apply(image, STICK, yaml, VerifyMode.Quick);
    assertThat(r.converged()).isTrue();
    assertThat(r.driftDetected()).isTrue();
    assertThat(r.driftCorrected()).isTrue();
    assertThat(r.actions()).extracting(a -> a.type() + " " + a.path()).containsExactly(
        "RetractManifestEntries .rescuefleet/manifest.json", "CopyFile " + StickLab.path(1),
        "VerifyFile " + StickLab.path(1), "WriteManifest .rescuefleet/manifest.json");
    assertMinimalWrite(r, lab.images.get(1).size());
  }

  @Test
  void aByteChangedThroughTheFilesystemWithItsMtimeRestoredIsFoundByFullVerification() {
    String path = StickLab.path(1);
    lab.edit(image, root -> {
      Path file = root.resolve(path);
      try {
        FileTime mtime = Files.getLastModifiedTime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          raf.seek(mib(17)); // in the second chunk
          int b = raf.read();
          raf.seek(mib(17));
          raf.write(b ^ 0x01);
        }
        Files.setLastModifiedTime(file, mtime);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    EngineResult quick = lab.apply(image, STICK, yaml, VerifyMode.Quick);
    assertThat(quick.actions()).as("size and mtime unchanged: Quick cannot see it, by design").isEmpty();

    EngineResult full = lab.apply(image, STICK, yaml, VerifyMode.Full);
    assertThat(full.verify().mismatches()).isEqualTo(1);
    assertThat(full.actions()).extracting(ActionReport::type)
        .containsExactly("RetractManifestEntries", "CopyFile", "VerifyFile", "WriteManifest");
    assertThat(full.actions().get(1).path()).isEqualTo(path);
    assertThat(full.converged()).isTrue();
    assertMinimalWrite(full, lab.images.get(1).size());
  }

  @Test
  void aFileEditedThroughTheFilesystemIsDriftNotCorruption() {
    String path = StickLab.path(1);
    lab.edit(image, root -> {
      Path file = root.resolve(path);
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.seek(mib(3));
        int b = raf.read();
        raf.seek(mib(3));
        raf.write(b ^ 0x01);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      try {
        // As a user on another PC, later: exFAT keeps mtimes to 10 ms at best, and this edit follows
        // the apply within the same tick, so say when it happened.
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 3_600_000));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    EngineResult full = lab.apply(image, STICK, yaml, VerifyMode.Full);
    assertThat(full.verify().mismatches()).as("an edit the filesystem recorded is drift, not silent corruption").isZero();
    assertThat(full.driftDetected()).isTrue();
    assertThat(full.actions()).filteredOn(a -> a.type().equals("CopyFile")).extracting(ActionReport::path).containsExactly(path);
    assertThat(full.converged()).isTrue();
  }

  @Test
  void aQuarantinedStickThatMatchesIsConvergedWithoutWriting() {
    EngineResult quarantined = lab.apply(image, STICK, yaml, VerifyMode.Full, lab.options().withWritesAllowed(false),
        EngineListener.NONE);
    assertThat(quarantined.converged()).isTrue();
    assertThat(quarantined.failure()).isNull();
    assertThat(quarantined.actions()).isEmpty();
    assertThat(quarantined.bytesWritten()).as("not even the verification record").isZero();
    assertThat(quarantined.notes()).extracting(PlanNote::reason).contains("VerificationNotRecorded");
  }

  @Test
  void aByteFlippedOnTheDeviceBehindTheFilesystemIsFoundByFullVerification() {
    String path = StickLab.path(0);
    lab.flipByteOnDevice(image, path, 12345);
    EngineResult full = lab.apply(image, STICK, yaml, VerifyMode.Full);
    assertThat(full.verify().mismatches()).isEqualTo(1);
    assertThat(full.verify().readPath()).startsWith("device extents");
    assertThat(full.actions()).filteredOn(a -> a.type().equals("CopyFile")).extracting(ActionReport::path).containsExactly(path);
    assertThat(full.driftCorrected()).isTrue();
    assertThat(lab.inspect(image, VerifyMode.Full).verify().mismatches()).isZero();
  }

  @Test
  void anEditedVentoyJsonIsRestored() {
    lab.edit(image, root -> StickLab.write(root.resolve("ventoy/ventoy.json"), "{\"control\": []}\n"));
    EngineResult r = lab.apply(image, STICK, yaml, VerifyMode.Quick);
    assertThat(r.actions()).extracting(ActionReport::type).containsExactly("RetractManifestEntries", "WriteVentoyJson",
        "WriteManifest");
    assertThat(r.bytesWrittenBy("CopyFile")).isZero();
    assertThat(lab.inspect(image, VerifyMode.Quick).ventoyJson()).contains("VTOY_MENU_TIMEOUT");
  }

  @Test
  void aForeignFileIsKeptAndReportedAsUnmanaged() {
    lab.edit(image, root -> StickLab.write(root.resolve("notes/readme.txt"), "my notes\n"));
    EngineResult r = lab.apply(image, STICK, yaml, VerifyMode.Quick);
    assertThat(r.converged()).isTrue();
    assertThat(r.actions()).isEmpty();
    assertThat(r.unmanaged()).containsExactly("notes/readme.txt");
    Inspection i = lab.inspect(image, VerifyMode.Quick);
    assertThat(i.files()).filteredOn(f -> f.path().equals("notes/readme.txt")).singleElement()
        .satisfies(f -> assertThat(f.state()).isEqualTo("unmanaged"));
  }

  @Test
  void aWipedPartitionTableIsRewrittenWithoutReformattingAnything() {
    StickLab.wipeTable(image, 34);
    EngineResult r = lab.apply(image, STICK, yaml, VerifyMode.Quick);
    assertThat(r.converged()).isTrue();
    assertThat(r.driftDetected()).isTrue();
    // The manifest's claim of the spec is withdrawn while the table it covers is rewritten, then made again.
    assertThat(r.actions()).extracting(ActionReport::type).containsExactly("RetractManifestEntries", "WritePartitionTable",
        "WriteBootCode", "WriteManifest");
    assertThat(r.bytesWritten()).isLessThan(mib(1));
    assertThat(lab.inspect(image, VerifyMode.Full).verify().mismatches()).isZero();
  }

  @Test
  void anImageThatLeftTheSpecIsDeletedAndTheForeignFileNextToItKept() {
    lab.edit(image, root -> StickLab.write(root.resolve("iso/tools/mine.iso"), "mine"));
    String lessYaml = yaml.replaceFirst("(?m)^    - \\{name: img1,.*\\n", "");
    EngineResult r = lab.apply(image, STICK, lessYaml, VerifyMode.Quick);
    assertThat(r.converged()).isTrue();
    assertThat(r.actions()).extracting(a -> a.type() + " " + a.path()).contains("DeleteFile " + StickLab.path(1));
    assertThat(r.bytesWrittenBy("CopyFile")).isZero();
    assertThat(r.unmanaged()).containsExactly("iso/tools/mine.iso");
  }

  @Test
  void diffShowsThePlanAndWritesNothing() throws IOException {
    lab.edit(image, root -> delete(root.resolve(StickLab.path(2))));
    String before = Digests.sha256(Files.readAllBytes(image));
    EngineResult d = lab.diff(image, yaml, VerifyMode.Full);
    assertThat(d.plan().actions()).extracting(a -> a.type() + " " + a.target())
        .contains("CopyFile " + StickLab.path(2), "VerifyFile " + StickLab.path(2));
    assertThat(d.actions()).isEmpty();
    assertThat(d.bytesWritten()).isZero();
    assertThat(Digests.sha256(Files.readAllBytes(image))).as("the image is byte for byte the same").isEqualTo(before);
  }

  /** The run wrote the image once, plus at most 1 MiB of filesystem metadata, manifest and ventoy.json. */
  private static void assertMinimalWrite(EngineResult r, long imageSize) {
    assertThat(r.bytesWrittenBy("CopyFile")).isBetween(imageSize, imageSize + mib(1));
    assertThat(r.bytesWritten()).isBetween(imageSize, imageSize + mib(1));
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
