package io.rescuefleet.station.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.failure.CancelledException;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-place exFAT writer against volumes made by mkfs.exfat and read back by exfat-fuse and
 * fsck.exfat: what it writes is the file the driver then sees, the volume stays consistent (also when
 * the stick goes mid-way), and it declines what it does not handle instead of guessing.
 */
class ExfatExtentWriterComponentTest {
  private static final ProcessRunner RUNNER = new ProcessRunner();
  private static final LoopDevices LOOPS = new LoopDevices(RUNNER);

  @BeforeAll
  static void tools() {
    Machine.requireRootAndTools(List.of("losetup", "mkfs.exfat", "fsck.exfat", "mount.exfat-fuse", "umount"));
  }

  @Test
  void writesNewFilesThatTheDriverThenReadsWholeOnAConsistentVolume(@TempDir Path dir) throws Exception {
    Path volumeImage = blank(dir.resolve("vol.img"), 96 << 20);
    Random random = new Random(11);
    Path big = write(dir.resolve("big.iso"), random, (20 << 20) + 12_345); // a partial last cluster and chunk
    Path exact = write(dir.resolve("exact.iso"), random, 9 << 20);
    try (LoopDevice loop = LOOPS.attach(volumeImage.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", "-c", "32K", "-L", "Ventoy", loop.path()));
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        Files.createDirectories(m.root().resolve("iso/linux"));
        Files.write(m.root().resolve("other.txt"), "kept as it is".getBytes());
      }

      AtomicLong progress = new AtomicLong();
      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
      try (ExfatExtentWriter writer = ExfatExtentWriter.open(loop.path()).orElseThrow()) {
        var first = writer.reserve("iso/linux/first.iso", Files.size(big)).orElseThrow();
        var second = writer.reserve("Exact.ISO", Files.size(exact)).orElseThrow();
        assertThat(second.firstCluster()).as("a reservation is not handed out twice before its commit")
            .isEqualTo(first.firstCluster());
        writer.fill(first, big, Cancellation.none(), progress::addAndGet);
        writer.commit(first);
        second = writer.reserve("Exact.ISO", Files.size(exact)).orElseThrow();
        assertThat(second.firstCluster()).isGreaterThanOrEqualTo(first.firstCluster() + first.clusters());
        writer.fill(second, exact, Cancellation.none(), progress::addAndGet);
        writer.commit(second);
        assertThat(writer.reserve("OTHER.txt", 1 << 20)).as("a file already there (in any case) is not replaced").isEmpty();
        assertThat(writer.reserve("exact.iso", 1 << 20)).isEmpty();
        assertThat(writer.reserve("iso/linux", 1 << 20)).as("nor is a directory").isEmpty();
        assertThat(writer.reserve("missing/file.iso", 1 << 20)).as("a directory that does not exist").isEmpty();
      }
      assertThat(progress.get()).isEqualTo(Files.size(big) + Files.size(exact));

      assertThat(RUNNER.run(Command.of("fsck.exfat", "-n", loop.path())).exitCode()).as("fsck.exfat finds nothing").isZero();
      try (ExfatVolume volume = ExfatVolume.open(loop.path()).orElseThrow()) {
        FileExtents extents = volume.extents("iso/linux/first.iso").orElseThrow();
        assertThat(extents.extents()).hasSize(1);
        assertThat(extents.validLength()).isEqualTo(Files.size(big));
      }
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, true)) {
        assertThat(Files.readAllBytes(m.root().resolve("iso/linux/first.iso"))).isEqualTo(Files.readAllBytes(big));
        assertThat(Files.readAllBytes(m.root().resolve("Exact.ISO"))).isEqualTo(Files.readAllBytes(exact));
        assertThat(Files.readString(m.root().resolve("other.txt"))).isEqualTo("kept as it is");
        try (var names = Files.list(m.root())) {
          assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("iso", "other.txt", "Exact.ISO");
        }
        Instant mtime = Files.getLastModifiedTime(m.root().resolve("Exact.ISO")).toInstant();
        assertThat(mtime).as("the driver reads the time it was written").isBetween(before, Instant.now().plusSeconds(2));
      }
    }
  }

  @Test
  void theEntriesMadeHereAreTheOnesTheDriverMakesForTheSameName(@TempDir Path dir) throws Exception {
    Path volumeImage = blank(dir.resolve("vol.img"), 32 << 20);
    String name = "Straße über Äpfel — a name longer than thirty characters.iso";
    try (LoopDevice loop = LOOPS.attach(volumeImage.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", loop.path()));
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        Files.writeString(m.root().resolve(name), "content");
        Files.writeString(m.root().resolve("a file name longer than fifteen characters.txt"), "content");
      }
      try (ExfatVolume volume = ExfatVolume.open(loop.path()).orElseThrow();
           ExfatExtentWriter writer = ExfatExtentWriter.open(loop.path()).orElseThrow()) {
        var set = volume.entrySet("a file name longer than fifteen characters.txt").orElseThrow();
        assertThat(set.offsets()).as("file, stream and four name entries").hasSize(6);
        assertThat(ExfatExtentWriter.checksum(set.bytes())).as("the checksum the driver wrote").isEqualTo(shortAt(set.bytes(), 2));

        byte[] driver = volume.entrySet(name).orElseThrow().bytes();
        byte[] ours = writer.entrySet(name, 5, 7, java.time.ZonedDateTime.now());
        assertThat(ours).hasSameSizeAs(driver);
        assertThat(shortAt(ours, 32 + 4)).as("the name hash, over the volume's up-case table").isEqualTo(shortAt(driver, 32 + 4));
        assertThat(ours[1]).as("secondary count").isEqualTo(driver[1]);
        assertThat(shortAt(ours, 4)).as("attributes").isEqualTo(shortAt(driver, 4));
        assertThat(ours[32 + 3]).as("name length").isEqualTo(driver[32 + 3]);
        assertThat(java.util.Arrays.copyOfRange(ours, 64, ours.length)).as("the name entries")
            .isEqualTo(java.util.Arrays.copyOfRange(driver, 64, driver.length));
        assertThat(ExfatExtentWriter.checksum(ours)).isEqualTo(shortAt(ours, 2));
      }
    }
  }

  @Test
  void placesEverySetWhereOneSectorWriteMakesItValidReusingHolesTheDriverLeft(@TempDir Path dir) throws Exception {
    Path volumeImage = blank(dir.resolve("vol.img"), 64 << 20);
    Path source = write(dir.resolve("src.iso"), new Random(5), 40_000);
    try (LoopDevice loop = LOOPS.attach(volumeImage.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", "-L", "Ventoy", loop.path()));
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        Files.createDirectories(m.root().resolve("iso"));
        for (int i = 0; i < 8; i++) {
          Files.write(m.root().resolve("iso/old" + i + ".iso"), new byte[0]); // three entries each
        }
        Files.delete(m.root().resolve("iso/old1.iso")); // a hole of three entries in the first sector
      }
      List<String> names = java.util.stream.IntStream.range(0, 24).mapToObj(i -> "iso/f" + i + ".iso").toList();
      int padded = 0;
      long holeAt;
      try (ExfatVolume volume = ExfatVolume.open(loop.path()).orElseThrow()) {
        holeAt = volume.entrySet("iso/old0.iso").orElseThrow().offsets()[0] + 3 * 32;
      }
      try (ExfatExtentWriter writer = ExfatExtentWriter.open(loop.path()).orElseThrow()) {
        for (String name : names) {
          var r = writer.reserve(name, Files.size(source)).orElseThrow();
          long[] at = r.entryOffsets();
          if (name.equals(names.get(0))) {
            assertThat(at[0]).as("the first set goes into the hole the deleted file left").isEqualTo(holeAt);
          }
          assertThat(at[at.length - 1] / 512).as(name + ": its set in one sector").isEqualTo(at[0] / 512);
          padded += r.padding().length > 0 ? 1 : 0;
          writer.fill(r, source, Cancellation.none(), n -> { });
          writer.commit(r);
        }
      }
      assertThat(padded).as("24 sets of 96 bytes after the hole: some would cross a sector boundary").isPositive();
      assertThat(RUNNER.run(Command.of("fsck.exfat", "-n", loop.path())).exitCode()).isZero();
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, true)) {
        for (String name : names) {
          assertThat(Files.readAllBytes(m.root().resolve(name))).as(name).isEqualTo(Files.readAllBytes(source));
        }
        try (var listed = Files.list(m.root().resolve("iso"))) {
          assertThat(listed.count()).isEqualTo(24 + 7);
        }
      }
    }
  }

  @Test
  void aSetInterruptedAfterItsPaddingIsAbsentAndLeavesTheVolumeConsistent(@TempDir Path dir) throws Exception {
    Path volumeImage = blank(dir.resolve("vol.img"), 64 << 20);
    Path source = write(dir.resolve("src.iso"), new Random(6), 100_000);
    try (LoopDevice loop = LOOPS.attach(volumeImage.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", loop.path()));
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        Files.createDirectories(m.root().resolve("iso"));
        for (int i = 0; i < 5; i++) {
          Files.write(m.root().resolve("iso/f" + i + ".iso"), new byte[1]); // slots 0-14: the next File entry is the sector's last
        }
      }
      try (ExfatExtentWriter writer = ExfatExtentWriter.open(loop.path()).orElseThrow()) {
        var r = writer.reserve("iso/pulled.iso", Files.size(source)).orElseThrow();
        assertThat(r.padding()).as("the set would cross a sector from the end marker: one slot is padding").hasSize(1);
        assertThat(r.entryOffsets()[0] % 512).as("the set starts the next sector").isZero();
        writer.fill(r, source, Cancellation.none(), n -> { });
        // The stick goes after the data, the bitmap and the padding, before the set.
        assertThat(writer.writePadding(r)).isTrue();
      }
      assertThat(RUNNER.run(Command.of("fsck.exfat", "-n", loop.path())).exitCode()).as("fsck.exfat finds nothing").isZero();
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        try (var listed = Files.list(m.root().resolve("iso"))) {
          assertThat(listed.map(p -> p.getFileName().toString())).doesNotContain("pulled.iso").hasSize(5);
        }
        Files.write(m.root().resolve("iso/after.iso"), new byte[] {1, 2, 3}); // the driver writes over what was left
      }
      assertThat(RUNNER.run(Command.of("fsck.exfat", "-n", loop.path())).exitCode()).isZero();
    }
  }

  @Test
  void declinesWhenNoFreeRunIsLongEnoughAndLeavesNoFileWhenCancelled(@TempDir Path dir) throws Exception {
    // (exfat-fuse 1.3.0 dies filling a 32 MiB volume of 4 KiB clusters; 64 MiB works.)
    Path volumeImage = blank(dir.resolve("vol.img"), 64 << 20);
    Path source = write(dir.resolve("src.iso"), new Random(3), 12 << 20);
    try (LoopDevice loop = LOOPS.attach(volumeImage.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", "-c", "4K", loop.path()));
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        // Checkerboard the free space: 1 MiB files, every other one deleted, leave no 12 MiB run.
        for (int i = 0; i < 56; i++) {
          Files.write(m.root().resolve("fill" + i), new byte[1 << 20]);
        }
        for (int i = 0; i < 56; i += 2) {
          Files.delete(m.root().resolve("fill" + i));
        }
      }
      try (ExfatExtentWriter writer = ExfatExtentWriter.open(loop.path()).orElseThrow()) {
        assertThat(writer.reserve("target.iso", Files.size(source))).as("no contiguous 12 MiB").isEmpty();
        Path smallSource = write(dir.resolve("small.iso"), new Random(4), 1 << 20);
        var small = writer.reserve("target.iso", 1 << 20).orElseThrow();
        Cancellation cancelled = Cancellation.none();
        cancelled.cancel("pulled");
        assertThatThrownBy(() -> writer.fill(small, smallSource, cancelled, n -> { }))
            .isInstanceOf(CancelledException.class);
      }
      assertThat(RUNNER.run(Command.of("fsck.exfat", "-n", loop.path())).exitCode()).isZero();
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, true)) {
        assertThat(m.root().resolve("target.iso")).as("never committed: not there").doesNotExist();
      }
    }
  }

  private static short shortAt(byte[] b, int at) {
    return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(at);
  }

  private static Path blank(Path file, long size) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
    return file;
  }

  private static Path write(Path file, Random random, int size) throws Exception {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return Files.write(file, b);
  }
}
