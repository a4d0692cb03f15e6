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
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-place exFAT filler against volumes made by mkfs.exfat and read back by exfat-fuse and
 * fsck.exfat: what it writes is the file the driver then sees, the volume stays consistent, and it
 * declines what it does not handle instead of guessing.
 */
class ExfatExtentWriterComponentTest {
  private static final ProcessRunner RUNNER = new ProcessRunner();
  private static final LoopDevices LOOPS = new LoopDevices(RUNNER);

  @BeforeAll
  static void tools() {
    Machine.requireRootAndTools(List.of("losetup", "mkfs.exfat", "fsck.exfat", "mount.exfat-fuse", "umount"));
  }

  @Test
  void fillsEmptyFilesThatTheDriverThenReadsWholeOnAConsistentVolume(@TempDir Path dir) throws Exception {
    Path volumeImage = blank(dir.resolve("vol.img"), 96 << 20);
    Random random = new Random(11);
    Path big = write(dir.resolve("big.iso"), random, (20 << 20) + 12_345); // a partial last cluster and chunk
    Path exact = write(dir.resolve("exact.iso"), random, 9 << 20);
    try (LoopDevice loop = LOOPS.attach(volumeImage.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", "-c", "32K", "-L", "Ventoy", loop.path()));
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        Files.createDirectories(m.root().resolve("iso/linux"));
        Files.write(m.root().resolve("iso/linux/first.iso"), new byte[0]);
        Files.write(m.root().resolve("Exact.ISO"), new byte[0]);
        Files.write(m.root().resolve("other.txt"), "kept as it is".getBytes());
      }

      AtomicLong progress = new AtomicLong();
      try (ExfatExtentWriter writer = ExfatExtentWriter.open(loop.path()).orElseThrow()) {
        var first = writer.reserve("iso/linux/first.iso", Files.size(big)).orElseThrow();
        var second = writer.reserve("exact.iso", Files.size(exact)).orElseThrow(); // names compare case-insensitively
        assertThat(second.firstCluster()).as("a reservation is not handed out twice before its commit")
            .isEqualTo(first.firstCluster());
        writer.fill(first, big, Cancellation.none(), progress::addAndGet);
        writer.commit(first);
        second = writer.reserve("exact.iso", Files.size(exact)).orElseThrow();
        assertThat(second.firstCluster()).isGreaterThanOrEqualTo(first.firstCluster() + first.clusters());
        writer.fill(second, exact, Cancellation.none(), progress::addAndGet);
        writer.commit(second);
        assertThat(writer.reserve("other.txt", 1 << 20)).as("a file that is not empty is not filled").isEmpty();
        assertThat(writer.reserve("missing.iso", 1 << 20)).isEmpty();
      }
      assertThat(progress.get()).isEqualTo(Files.size(big) + Files.size(exact));

      assertThat(RUNNER.run(Command.of("fsck.exfat", "-n", loop.path())).exitCode()).as("fsck.exfat finds nothing").isZero();
      try (ExfatVolume volume = ExfatVolume.open(loop.path()).orElseThrow()) {
        FileExtents extents = volume.extents("iso/linux/first.iso").orElseThrow();
        assertThat(extents.extents()).hasSize(1);
        assertThat(extents.validLength()).isEqualTo(Files.size(big));
        var set = volume.entrySet("iso/linux/first.iso").orElseThrow();
        assertThat(ExfatExtentWriter.checksum(set.bytes())).as("the set checksum")
            .isEqualTo(java.nio.ByteBuffer.wrap(set.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(2));
      }
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, true)) {
        assertThat(Files.readAllBytes(m.root().resolve("iso/linux/first.iso"))).isEqualTo(Files.readAllBytes(big));
        assertThat(Files.readAllBytes(m.root().resolve("Exact.ISO"))).isEqualTo(Files.readAllBytes(exact));
        assertThat(Files.readString(m.root().resolve("other.txt"))).isEqualTo("kept as it is");
      }
    }
  }

  @Test
  void aChecksumTheDriverWroteIsTheOneComputedHere(@TempDir Path dir) throws Exception {
    Path volumeImage = blank(dir.resolve("vol.img"), 32 << 20);
    try (LoopDevice loop = LOOPS.attach(volumeImage.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", loop.path()));
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        Files.writeString(m.root().resolve("a file name longer than fifteen characters.txt"), "content");
      }
      try (ExfatVolume volume = ExfatVolume.open(loop.path()).orElseThrow()) {
        var set = volume.entrySet("a file name longer than fifteen characters.txt").orElseThrow();
        assertThat(set.offsets()).as("file, stream and four name entries").hasSize(6);
        short stored = java.nio.ByteBuffer.wrap(set.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(2);
        assertThat(ExfatExtentWriter.checksum(set.bytes())).isEqualTo(stored);
      }
    }
  }

  @Test
  void declinesAFileWhoseEntriesStraddleASectorSoItsCommitIsOneAtomicWrite(@TempDir Path dir) throws Exception {
    Path volumeImage = blank(dir.resolve("vol.img"), 64 << 20);
    try (LoopDevice loop = LOOPS.attach(volumeImage.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", "-L", "Ventoy", loop.path()));
      List<String> names = java.util.stream.IntStream.range(0, 24).mapToObj(i -> "f" + i + ".iso").toList();
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        for (String name : names) {
          Files.write(m.root().resolve(name), new byte[0]); // three entries each: sets fall on every 32-byte slot
        }
      }
      int straddling = 0;
      try (ExfatExtentWriter writer = ExfatExtentWriter.open(loop.path()).orElseThrow();
           ExfatVolume volume = ExfatVolume.open(loop.path()).orElseThrow()) {
        for (String name : names) {
          long[] offsets = volume.entrySet(name).orElseThrow().offsets();
          boolean split = offsets[0] / 512 != offsets[1] / 512;
          straddling += split ? 1 : 0;
          assertThat(writer.reserve(name, 1 << 20).isPresent()).as(name + " at " + offsets[0]).isEqualTo(!split);
        }
      }
      assertThat(straddling).as("24 sets of 96 bytes cross a sector boundary between File and Stream entry")
          .isPositive();
    }
  }

  @Test
  void declinesWhenNoFreeRunIsLongEnoughAndLeavesTheFileEmptyWhenCancelled(@TempDir Path dir) throws Exception {
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
        Files.write(m.root().resolve("target.iso"), new byte[0]);
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
        assertThat(Files.size(m.root().resolve("target.iso"))).as("never committed: still empty").isZero();
      }
    }
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
