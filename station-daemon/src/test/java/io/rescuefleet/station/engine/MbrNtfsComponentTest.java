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

/** The other layout: MBR with an NTFS data partition, verified through the mount (no extent reader for NTFS). */
class MbrNtfsComponentTest {
  @TempDir
  static Path shared;
  static StickLab lab;

  @BeforeAll
  static void lab() {
    Machine.requireRootAndTools(List.of("sfdisk", "mkntfs", "ntfs-3g", "ntfslabel", "mkfs.vfat", "mtype", "xz"));
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
}
