package io.rescuefleet.station.interlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.discovery.BlockDeviceInfo;
import io.rescuefleet.station.discovery.SystemContext;
import io.rescuefleet.station.discovery.SystemProbe;
import io.rescuefleet.station.fs.Mounter;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interlock on this machine's live devices: loop devices, a mounted one, and the root disk. */
class InterlockComponentTest {
  private static final ProcessRunner RUNNER = new ProcessRunner();
  private static final LoopDevices LOOPS = new LoopDevices(RUNNER);
  private final SafetyInterlock interlock = SafetyInterlock.live(new SystemProbe(RUNNER));

  @TempDir
  Path dir;

  @BeforeAll
  static void machine() {
    Machine.requireRootAndTools(List.of("losetup", "lsblk", "mkfs.exfat", "mount.exfat-fuse"));
  }

  private LoopDevice loop(String name) throws Exception {
    Path file = dir.resolve(name);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(64 << 20);
    }
    return LOOPS.attach(file.toString(), 0, 0);
  }

  @Test
  void aLoopDeviceIsRefusedUnlessAllowListed() throws Exception {
    try (LoopDevice loop = loop("a.img")) {
      assertThatThrownBy(() -> interlock.admit(loop.path(), Allowlist.none()))
          .isInstanceOf(DeviceRefusedException.class)
          .hasMessage("refusing " + loop.path() + ": " + loop.path() + " has no transport (virtual device), not usb; "
              + "admit it with --allow-device");
      Admission admitted = interlock.admit(loop.path(), Allowlist.of(List.of(loop.path())));
      assertThat(admitted.stick().device()).isEqualTo(loop.path());
      assertThat(admitted.stick().sizeBytes()).isEqualTo(64 << 20);
    }
  }

  @Test
  void anAllowListedLoopDeviceIsRefusedWhileSomethingOnItIsMounted() throws Exception {
    try (LoopDevice loop = loop("b.img"); LoopDevice part = LOOPS.attach(loop.path(), 1 << 20, 32 << 20)) {
      RUNNER.run(Command.of("mkfs.exfat", part.path()));
      try (MountedVolume mounted = new Mounter(RUNNER).mount(part.path(), DataFilesystem.exFAT, true)) {
        assertThatThrownBy(() -> interlock.admit(loop.path(), Allowlist.of(List.of(loop.path()))))
            .hasMessageContaining(part.path() + " is mounted at " + mounted.root());
      }
      assertThat(interlock.admit(loop.path(), Allowlist.of(List.of(loop.path())))).isNotNull();
    }
  }

  @Test
  void theRootDiskIsRefusedEvenAllowListed() {
    SystemContext now = new SystemProbe(RUNNER).capture();
    BlockDeviceInfo root = now.devices().stream()
        .filter(d -> d.subtree().stream().anyMatch(x -> x.mountpoints().contains("/") || x.majMin().equals(now.rootMajMin())))
        .findFirst().orElseThrow(() -> new AssertionError("no disk holds / on this machine"));
    assertThatThrownBy(() -> interlock.admit(root.path(), Allowlist.of(List.of(root.path()))))
        .isInstanceOf(DeviceRefusedException.class)
        .hasMessageContaining(root.path() + " is the root disk");
  }

  @Test
  void anAllowListedLoopDeviceIsRefusedWhileAnotherProgramHasItsPartitionMounted() throws Exception {
    Path mountpoint = java.nio.file.Files.createDirectories(dir.resolve("someone-elses-mount"));
    try (LoopDevice loop = loop("c.img"); LoopDevice part = LOOPS.attach(loop.path(), 1 << 20, 32 << 20)) {
      RUNNER.run(Command.of("mkfs.exfat", part.path()));
      // Mounted by hand, as a technician's file manager would: not through RescueFleet.
      RUNNER.run(Command.of("mount.exfat-fuse", part.path(), mountpoint.toString()));
      try {
        assertThatThrownBy(() -> interlock.admit(loop.path(), Allowlist.of(List.of(loop.path()))))
            .isInstanceOf(DeviceRefusedException.class)
            .hasMessage("refusing " + loop.path() + ": " + part.path() + " is mounted at " + mountpoint + "; unmount it first");
      } finally {
        RUNNER.run(Command.of("umount", mountpoint.toString()));
      }
      assertThat(interlock.admit(loop.path(), Allowlist.of(List.of(loop.path())))).isNotNull();
    }
  }

  @Test
  void noDiskOfThisMachineIsAdmittedWithoutTheAllowlistAndEachRefusalSaysWhy() {
    SystemContext now = new SystemProbe(RUNNER).capture();
    var scanned = new io.rescuefleet.station.discovery.Discovery().scan(now, Allowlist.none());
    assertThat(scanned).as("this machine's disks").isNotEmpty();
    // This machine has no USB stick: its root disk, zram and everyone's loop devices are all refused.
    assertThat(scanned).allSatisfy(c -> {
      assertThat(c.admitted()).as("%s admitted", c.stick().device()).isFalse();
      assertThat(c.refusal()).hasValueSatisfying(r -> assertThat(r.reason())
          .containsAnyOf("root disk", "system disk", "not usb", "neither removable", "no medium", "read-only", "mounted"));
    });
  }
}
