package io.rescuefleet.station.wtg.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.SanPolicy;
import io.rescuefleet.station.device.BlockDevices;
import io.rescuefleet.station.fs.Mounter;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testkit.TestWims;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.bcd.BcdElements;
import io.rescuefleet.station.wtg.bcd.BcdStore;
import io.rescuefleet.station.wtg.fixture.LoopDisk;
import io.rescuefleet.station.wtg.image.ImageSelection;
import io.rescuefleet.station.wtg.image.WimTool;
import io.rescuefleet.station.wtg.registry.Hivex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applies real WIMs to NTFS on loop devices and inspects the result with ntfs-3g's own tools. */
class WtgVolumeWriterComponentTest {
  private static final UUID APPLY = UUID.fromString("0b5e8a0e-58f3-4b55-9a36-8c1d0f3e7a11");
  private static final BcdDevice DEVICE = BcdDevice.mbr(0x5eed1234L, 2048L * 512);
  private static final byte[] UNATTEND = "<unattend/>\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  static Path wims;
  static Path withTemplate;
  static Path withoutTemplate;

  @TempDir
  Path dir;

  private final ProcessRunner runner = new ProcessRunner();
  private final WimTool wim = new WimTool(runner);
  private final BcdStore bcd = new BcdStore(new Hivex(runner));
  private final WtgVolumeWriter writer = new WtgVolumeWriter(new NtfsTools(runner), wim, new Mounter(runner),
      new BlockDevices(runner), bcd, new Hivex(runner));

  @BeforeAll
  static void images() throws Exception {
    Machine.requireRootAndTools(TestWims.TOOLS);
    Files.createDirectories(wims.resolve("a"));
    Files.createDirectories(wims.resolve("b"));
    withTemplate = new TestWims().twoEditions(wims.resolve("a"), true);
    withoutTemplate = new TestWims().twoEditions(wims.resolve("b"), false);
  }

  private PreparedImage prepare(Path file, ImageSelection selection) throws Exception {
    return new ImagePreparer(wim).prepare(file, TestWims.sha256(file), selection, "test.wim", 7L, "drivers/usb3");
  }

  private VolumeRequest request() {
    return new VolumeRequest(APPLY, "win11-wtg", "Partition", UNATTEND, SanPolicy.OfflineInternal, "drivers/usb3", DEVICE,
        2048, Instant.parse("2026-11-25T12:00:00Z"));
  }

  private String run(String... argv) {
    return runner.run(Command.of(argv)).stdout();
  }

  @Test
  void appliesTheImageWritesUnattendAndBootFilesAndMarksTheVolumeLast() throws Exception {
    PreparedImage image = prepare(withTemplate, ImageSelection.edition("Windows 11 Home"));
    try (LoopDisk disk = LoopDisk.create(dir.resolve("vol.img"), 128L << 20)) {
      WtgMarker marker = writer.write(disk.device(), image, request(), n -> { });

      String root = run("ntfsls", disk.device());
      assertThat(root.lines()).contains("Windows", "Users", "Program Files", "drivers", "EFI", ".rescuefleet");
      assertThat(run("ntfsls", "-p", "/Program Files/Common Files/deep/deeper/deepest", disk.device()).lines())
          .contains("tool.exe");
      assertThat(run("ntfsls", "-p", "/Windows/System32", disk.device()).lines()).contains("home-edition.dll");
      assertThat(run("ntfscat", disk.device(), "/Windows/Panther/unattend.xml")).isEqualTo("<unattend/>\n");
      assertThat(run("ntfsls", "-p", "/EFI/Microsoft/Boot", disk.device()).lines())
          .contains("bootmgfw.efi", "memtest.efi", "BCD", "en-US", "Fonts");
      assertThat(run("ntfsls", "-p", "/EFI/Boot", disk.device()).lines()).contains("bootx64.efi");

      Path store = dir.resolve("BCD");
      runner.run(Command.of("ntfscat", disk.device(), "/EFI/Microsoft/Boot/BCD").withStdoutTo(store));
      assertThat(bcd.device(store, BcdElements.BOOTMGR, BcdElements.DEVICE)).contains(DEVICE);
      assertThat(bcd.device(store, "{" + APPLY + "}", BcdElements.OS_DEVICE)).contains(DEVICE);

      MarkerRead read = MarkerCodec.read(run("ntfscat", disk.device(), "/" + WtgMarker.PATH).getBytes(StandardCharsets.UTF_8));
      assertThat(read.valid()).contains(marker);
      assertThat(marker.imageIndex()).isEqualTo(2);
      assertThat(marker.imageName()).isEqualTo("Windows 11 Home");
      assertThat(marker.edition()).isEqualTo("Windows 11 Home");
      assertThat(marker.bootConfiguration()).isEqualTo(BootConfiguration.Generated);
      assertThat(marker.unattendSha256()).isEqualTo(WtgVolumeWriter.sha256(UNATTEND));
      assertThat(marker.bootDevice()).isEqualTo(DEVICE);

      // What dism /Apply-Unattend would do for the offlineServicing settings, in the image's own registry.
      Path system = dir.resolve("SYSTEM");
      Path software = dir.resolve("SOFTWARE");
      runner.run(Command.of("ntfscat", disk.device(), "/Windows/System32/config/SYSTEM").withStdoutTo(system));
      runner.run(Command.of("ntfscat", disk.device(), "/Windows/System32/config/SOFTWARE").withStdoutTo(software));
      String parameters = "\\ControlSet001\\Services\\partmgr\\Parameters";
      assertThat(run("hivexget", system.toString(), parameters, "SanPolicy").strip()).isEqualTo("4");
      assertThat(run("hivexget", system.toString(), parameters, "Other").strip()).isEqualTo("7");
      assertThat(run("hivexget", system.toString(), parameters, "Path").strip()).isEqualTo("C:\\keep\\me \"quoted\"");
      String currentVersion = "\\Microsoft\\Windows\\CurrentVersion";
      assertThat(run("hivexget", software.toString(), currentVersion, "DevicePath").strip())
          .isEqualTo("%SystemRoot%\\inf;%SystemDrive%\\drivers\\usb3");
      assertThat(run("hivexget", software.toString(), currentVersion, "ProgramFilesDir").strip()).isEqualTo("C:\\Program Files");
      assertThat(runner.run(Command.of("hivexsh", software.toString())
          .withStdin(("cd " + currentVersion + "\nlsval\n").getBytes(StandardCharsets.UTF_8))).stdout())
          .contains("\"InstallTime\"=hex(11):00,01,02,03,04,05,06,07");
      assertThat(marker.offlineServicing()).containsExactly(
          "SanPolicy 4 set in SYSTEM\\ControlSet001\\Services\\partmgr\\Parameters",
          "DevicePath in SOFTWARE\\Microsoft\\Windows\\CurrentVersion is %SystemRoot%\\inf;%SystemDrive%\\drivers\\usb3");
      assertThat(marker.samples()).isNotEmpty().allSatisfy(s -> assertThat(s.path()).doesNotStartWith("/Users"));
    }
  }

  @Test
  void withoutATemplateAppliesWindowsButGeneratesNoBootConfiguration() throws Exception {
    PreparedImage image = prepare(withoutTemplate, ImageSelection.index(1));
    try (LoopDisk disk = LoopDisk.create(dir.resolve("vol.img"), 128L << 20)) {
      WtgMarker marker = writer.write(disk.device(), image, request(), n -> { });

      assertThat(marker.bootConfiguration()).isEqualTo(BootConfiguration.NotGenerated);
      assertThat(marker.bootNote()).isEqualTo("the image has no Windows/System32/config/BCD-Template");
      assertThat(run("ntfsls", disk.device()).lines()).contains("Windows").doesNotContain("EFI");
      assertThat(run("ntfsls", "-p", "/Windows/System32", disk.device()).lines()).doesNotContain("home-edition.dll");
    }
  }
}
