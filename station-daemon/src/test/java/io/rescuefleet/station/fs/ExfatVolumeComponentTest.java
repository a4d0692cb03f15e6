package io.rescuefleet.station.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.verify.DeviceExtentReader;
import io.rescuefleet.station.verify.Digests;
import io.rescuefleet.station.verify.Verifier;
import io.rescuefleet.station.verify.VerifyTask;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exFAT extent reader against volumes made by mkfs.exfat and filled by exfat-fuse: what it reads
 * from the device must be exactly what the filesystem returns, for contiguous and fragmented files.
 */
class ExfatVolumeComponentTest {
  private static final ProcessRunner RUNNER = new ProcessRunner();

  @BeforeAll
  static void tools() {
    Machine.requireRootAndTools(List.of("losetup", "mkfs.exfat", "mount.exfat-fuse", "umount"));
  }

  @Test
  void readsWhatTheFilesystemHoldsFromTheDevice(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vol.img");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(64 << 20);
    }
    Random random = new Random(5);
    byte[] small = bytes(random, 70_001);
    byte[] big = bytes(random, 9 << 20);
    byte[] fragmented = bytes(random, 6 << 20);
    byte[] cluster = bytes(random, 1 << 20);
    try (LoopDevice loop = new LoopDevices(RUNNER).attach(file.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", "-c", "4K", loop.path()));
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        Path root = m.root();
        Files.createDirectories(root.resolve("ISO/Linux"));
        Files.write(root.resolve("ISO/Linux/small.iso"), small);
        Files.write(root.resolve("big.iso"), big);
        // Interleave two growing files so that at least one of them ends up fragmented (FAT chain).
        try (var a = Files.newOutputStream(root.resolve("frag.iso")); var b = Files.newOutputStream(root.resolve("other.bin"))) {
          for (int i = 0; i < fragmented.length; i += cluster.length) {
            a.write(fragmented, i, cluster.length);
            a.flush();
            b.write(cluster);
            b.flush();
          }
        }
        Files.write(root.resolve("empty.txt"), new byte[0]);
      }
      try (ExfatVolume volume = ExfatVolume.open(loop.path()).orElseThrow()) {
        assertThat(volume.extents("frag.iso").orElseThrow().extents()).as("the interleaved file is fragmented").hasSizeGreaterThan(1);
        assertThat(volume.extents("iso/linux/SMALL.ISO")).as("names compare case-insensitively").isPresent();
        assertThat(volume.extents("ISO/Linux/missing.iso")).isEmpty();
        assertThat(volume.extents("ISO")).as("a directory is not a file").isEmpty();
        assertThat(volume.extents("empty.txt").orElseThrow().size()).isZero();
      }
      try (DeviceExtentReader reader = DeviceExtentReader.forDevice(loop.path()).orElseThrow()) {
        Verifier verifier = new Verifier(3);
        for (var expected : List.of(new Object[] {"ISO/Linux/small.iso", small}, new Object[] {"big.iso", big},
            new Object[] {"frag.iso", fragmented})) {
          String path = (String) expected[0];
          byte[] content = (byte[]) expected[1];
          var outcome = verifier.run(List.of(VerifyTask.whole(path, content.length, Digests.sha256(content), true)), reader,
              Cancellation.none(), n -> { });
          assertThat(outcome.checks().get(path).matches()).as(path).isTrue();
          assertThat(outcome.bytesHashed()).isEqualTo(content.length);
        }
      }
    }
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
