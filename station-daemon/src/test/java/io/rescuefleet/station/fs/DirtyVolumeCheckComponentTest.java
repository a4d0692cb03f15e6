package io.rescuefleet.station.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check before writing to a data partition a driver left mounted, on volumes made by mkfs.exfat and
 * exfat-fuse and then damaged as a pulled stick leaves them: two files sharing a cluster, the VolumeDirty
 * flag set. fsck.exfat judges; RescueFleet's own files are repaired, anyone else's stop the run.
 */
class DirtyVolumeCheckComponentTest {
  private static final ProcessRunner RUNNER = new ProcessRunner();
  private static final LoopDevices LOOPS = new LoopDevices(RUNNER);
  private final DirtyVolumeCheck check = new DirtyVolumeCheck(RUNNER);

  @BeforeAll
  static void tools() {
    Machine.requireRootAndTools(List.of("losetup", "mkfs.exfat", "fsck.exfat", "mount.exfat-fuse", "umount"));
  }

  @Test
  void aCrossLinkedVentoyJsonOnAVolumeLeftMountedIsRepaired(@TempDir Path dir) throws Exception {
    Path image = volume(dir);
    crossLink(image, "ventoy/ventoy.json", ".rescuefleet/manifest.json");
    try (LoopDevice loop = LOOPS.attach(image.toString(), 0, 0)) {
      assertThat(RUNNER.runAllowingFailure(Command.of("fsck.exfat", "-n", loop.path())).exitCode())
          .as("fsck finds the damage").isNotZero();
      assertThat(check.ensureConsistent(loop.path())).isEqualTo(DirtyVolumeCheck.Verdict.REPAIRED);
      assertThat(RUNNER.runAllowingFailure(Command.of("fsck.exfat", "-n", loop.path())).exitCode()).isZero();
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, true)) {
        assertThat(Files.readString(m.root().resolve("user.txt"))).as("the user's file untouched").isEqualTo("mine");
      }
    }
  }

  @Test
  void aDamagedFileOfTheUsersStopsTheRunNamingItAndNothingIsRepaired(@TempDir Path dir) throws Exception {
    Path image = volume(dir);
    crossLink(image, "user.txt", "other.txt");
    byte[] before = Files.readAllBytes(image);
    try (LoopDevice loop = LOOPS.attach(image.toString(), 0, 0)) {
      assertThatThrownBy(() -> check.ensureConsistent(loop.path()))
          .isInstanceOf(DirtyVolumeCheck.CorruptVolumeException.class)
          .hasMessageContaining(loop.path()).hasMessageContaining(".txt").hasMessageContaining("fsck.exfat");
    }
    assertThat(Files.readAllBytes(image)).as("nothing written").isEqualTo(before);
  }

  @Test
  void aVolumeUnmountedCleanlyIsNotChecked(@TempDir Path dir) throws Exception {
    Path image = volume(dir);
    crossLink(image, "user.txt", "other.txt");
    setDirty(image, false);
    try (LoopDevice loop = LOOPS.attach(image.toString(), 0, 0)) {
      assertThat(check.ensureConsistent(loop.path())).as("no fsck without the dirty flag")
          .isEqualTo(DirtyVolumeCheck.Verdict.CLEAN);
    }
  }

  @Test
  void fsckReportLinesNameTheirFiles() {
    String report = "exfatprogs version : 1.2.0\nERROR: /ventoy/ventoy.json: cluster is already allocated for the "
        + "other file. truncated to 0 bytes at 0xc48000. Truncate (y/N)? n\nERROR: /iso/a b.iso: bad cluster\n";
    assertThat(DirtyVolumeCheck.named(report)).containsExactly("ventoy/ventoy.json", "iso/a b.iso");
    assertThat(DirtyVolumeCheck.ours(".rescuefleet/staging/x.part")).isTrue();
    assertThat(DirtyVolumeCheck.ours(".RescueFleet/manifest.json")).isTrue();
    assertThat(DirtyVolumeCheck.ours("VENTOY/ventoy.JSON")).isTrue();
    assertThat(DirtyVolumeCheck.ours("ventoy/ventoy.json.bak")).isFalse();
    assertThat(DirtyVolumeCheck.ours(".rescuefleet-not")).isFalse();
    assertThat(DirtyVolumeCheck.ours("iso/a.iso")).isFalse();
  }

  /** A 64 MiB exFAT volume with RescueFleet's files and two of the user's, unmounted cleanly. */
  private static Path volume(Path dir) throws Exception {
    Path image = dir.resolve("vol.img");
    try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
      raf.setLength(64 << 20);
    }
    try (LoopDevice loop = LOOPS.attach(image.toString(), 0, 0)) {
      RUNNER.run(Command.of("mkfs.exfat", "-L", "Ventoy", loop.path()));
      try (MountedVolume m = new Mounter(RUNNER).mount(loop.path(), DataFilesystem.exFAT, false)) {
        Files.createDirectories(m.root().resolve("ventoy"));
        Files.createDirectories(m.root().resolve(".rescuefleet"));
        Files.writeString(m.root().resolve("ventoy/ventoy.json"), "{\"control\":[]}");
        Files.writeString(m.root().resolve(".rescuefleet/manifest.json"), "{\"schemaVersion\":1}");
        Files.writeString(m.root().resolve("user.txt"), "mine");
        Files.writeString(m.root().resolve("other.txt"), "also mine");
      }
    }
    return image;
  }

  /** Points {@code victim}'s data at {@code owner}'s first cluster, as a lost bitmap mark leads to, and sets VolumeDirty. */
  private static void crossLink(Path image, String victim, String owner) throws Exception {
    long ownerCluster;
    ExfatVolume.EntrySet set;
    try (LoopDevice loop = LOOPS.attach(image.toString(), 0, 0);
         ExfatVolume volume = ExfatVolume.open(loop.path()).orElseThrow()) {
      ownerCluster = volume.entrySet(owner).orElseThrow().firstCluster();
      set = volume.entrySet(victim).orElseThrow();
    }
    byte[] bytes = set.bytes().clone();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(32 + 20, (int) ownerCluster);
    b.putShort(2, ExfatExtentWriter.checksum(bytes));
    try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
      for (int k = 0; k < 2; k++) {
        raf.seek(set.offsets()[k]);
        raf.write(bytes, k * 32, 32);
      }
    }
    setDirty(image, true);
  }

  private static void setDirty(Path image, boolean dirty) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
      raf.seek(106);
      int flags = Short.toUnsignedInt(Short.reverseBytes(raf.readShort()));
      flags = dirty ? flags | 2 : flags & ~2;
      raf.seek(106);
      raf.writeShort(Short.reverseBytes((short) flags));
    }
  }
}
