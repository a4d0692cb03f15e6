package io.rescuefleet.station.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FUSE mount whose daemon died (the stick pulled while it was being mounted, as the surprise-removal
 * drill found) is released rather than left behind holding the stick's loop devices.
 */
class MounterComponentTest {
  @TempDir
  Path dir;
  private final ProcessRunner runner = new ProcessRunner();

  @BeforeAll
  static void tools() {
    Machine.requireEngineTools();
  }

  @Test
  void aDeadFuseMountIsUnmountedAndItsDirectoryRemoved() throws Exception {
    Path image = dir.resolve("volume.img");
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.setLength(64L << 20);
    }
    runner.run(Command.of("mkfs.exfat", image.toString()));
    try (LoopDevice loop = new LoopDevices(runner).attach(image.toString(), 0, 0)) {
      Path mountPoint = Files.createDirectories(dir.resolve("mnt"));
      runner.run(Command.of("mount.exfat-fuse", "-o", "ro", loop.path(), mountPoint.toString()));
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains("exfat-fuse -o ro " + loop.path() + " "))
          .forEach(ProcessHandle::destroyForcibly);
      Thread.sleep(200);
      assertThat(Mounter.mounted(mountPoint)).as("the dead mount is still there").isTrue();

      new Mounter(runner).releaseQuietly(mountPoint);

      assertThat(Mounter.mounted(mountPoint)).isFalse();
      assertThat(mountPoint).doesNotExist();
    }
  }
}
