package io.rescuefleet.station.engine;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layouts other than the default: MBR with an NTFS data partition (verified through the mount, there
 * is no extent reader for NTFS), and a stick as sold, one FAT32 partition over the whole disk.
 */
class LayoutComponentTest {
  @TempDir
  static Path shared;
  static StickLab lab;

  @BeforeAll
  static void lab() {
    Machine.requireRootAndTools(List.of("sfdisk", "mkntfs", "ntfs-3g", "ntfslabel", "mkfs.vfat", "mtype", "xz",
        "mkfs.exfat", "mount.exfat-fuse"));
    lab = new StickLab(shared, mib(3), mib(5) + 11);
  }

  @Test
  void anMbrNtfsStickConvergesAndIsVerifiedThroughTheMount(@TempDir Path dir) {
    Path image = dir.resolve("ntfs.img");
    String yaml = lab.drive("MBR", "NTFS");
    EngineResult r = lab.apply(image, mib(160), yaml, VerifyMode.Full);
    assertThat(r.failure()).isNull();
    assertThat(r.converged()).isTrue();
    assertThat(r.filesystemDriver()).contains("ntfs");

    Inspection i = lab.inspect(image, VerifyMode.Full);
    assertThat(i.partitionStyle()).isEqualTo("dos");
    assertThat(i.partitions().get(0)).satisfies(p -> {
      assertThat(p.type()).isEqualTo("7");
      assertThat(p.bootable()).isTrue();
      assertThat(p.filesystem()).isEqualTo("ntfs");
    });
    assertThat(i.partitions().get(1)).satisfies(p -> assertThat(p.type()).isEqualTo("ef"));
    assertThat(i.verify().filesChecked()).isEqualTo(2);
    assertThat(i.verify().mismatches()).isZero();
    assertThat(i.verify().readPath()).startsWith("mounted filesystem").contains("O_DIRECT");

    lab.flipByteOnDeviceByContent(image, 1, 4096);
    EngineResult full = lab.apply(image, mib(160), yaml, VerifyMode.Full);
    assertThat(full.verify().mismatches()).isEqualTo(1);
    assertThat(full.actions()).filteredOn(a -> a.type().equals("CopyFile")).extracting(ActionReport::path)
        .containsExactly(StickLab.path(1));
    assertThat(full.converged()).isTrue();
  }

  @Test
  void aStickAsSoldIsTurnedIntoAVentoyStick(@TempDir Path dir) throws Exception {
    Path image = dir.resolve("new.img");
    try (var raf = new java.io.RandomAccessFile(image.toFile(), "rw")) {
      raf.setLength(mib(128));
    }
    try (var disk = lab.loops.attach(image.toString(), 0, 0)) {
      lab.runner.run(io.rescuefleet.station.process.Command.of("sfdisk", "--quiet", disk.path())
          .withStdin("label: dos\nstart=2048, type=c\n".getBytes()));
      try (var part = lab.loops.attach(disk.path(), 2048 * 512, mib(128) - 2048 * 512)) {
        lab.runner.run(io.rescuefleet.station.process.Command.of("mkfs.vfat", "-F", "32", "-n", "KINGSTON", part.path()));
      }
    }
    EngineResult r = lab.apply(image, mib(128), lab.drive("GPT", "exFAT"), VerifyMode.Quick);
    assertThat(r.converged()).isTrue();
    assertThat(r.plan().actions()).filteredOn(a -> a.type().equals("FormatDataPartition")).singleElement()
        .satisfies(a -> assertThat(a.describe()).contains("replaces vfat \"KINGSTON\""));
    assertThat(r.driftDetected()).as("a stick RescueFleet never wrote has not drifted").isFalse();
    Inspection i = lab.inspect(image, VerifyMode.Full);
    assertThat(i.partitionStyle()).isEqualTo("gpt");
    assertThat(i.verify().mismatches()).isZero();
    assertThat(i.verify().filesChecked()).isEqualTo(2);
  }
}
