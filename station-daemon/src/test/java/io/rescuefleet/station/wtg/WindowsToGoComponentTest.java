package io.rescuefleet.station.wtg;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.engine.Inspection;
import io.rescuefleet.station.engine.WireReports;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.ApplyWtg;
import io.rescuefleet.station.plan.WtgAction;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import io.rescuefleet.station.testkit.TestWims;
import io.rescuefleet.station.verify.Digests;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.bcd.BcdElements;
import io.rescuefleet.station.wtg.bcd.BcdStore;
import io.rescuefleet.station.wtg.fixture.WtgVolumes;
import io.rescuefleet.station.wtg.registry.HiveValue;
import io.rescuefleet.station.wtg.registry.Hivex;
import io.rescuefleet.station.wtg.volume.MarkerCodec;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows To Go through the whole engine on loop devices, with real WIMs (two editions, made by
 * wimlib-imagex in the test) and the real tools: a partition in the reserved space and a VHD on the
 * data partition; unchanged profiles write nothing; a changed edition, a damaged file or an interrupted
 * apply are re-applied; invalid selections are refused before anything is written.
 */
class WindowsToGoComponentTest {
  static final long STICK = mib(1200);
  @TempDir
  static Path shared;
  static StickLab lab;
  static Path wim;
  static String wimSha;
  static Path bare;
  static String bareSha;

  @TempDir
  Path dir;

  private final WtgVolumes volumes = new WtgVolumes();
  private final BcdStore bcd = new BcdStore(new Hivex(new ProcessRunner()));

  @BeforeAll
  static void lab() throws IOException {
    Machine.requireEngineTools();
    Machine.requireRootAndTools(TestWims.TOOLS);
    lab = new StickLab(shared, mib(2));
    Files.createDirectories(shared.resolve("a"));
    Files.createDirectories(shared.resolve("b"));
    wim = new TestWims().twoEditions(shared.resolve("a"), true);
    wimSha = TestWims.sha256(wim);
    bare = new TestWims().twoEditions(shared.resolve("b"), false);
    bareSha = TestWims.sha256(bare);
  }

  /** A GPT (or MBR) drive carrying the catalog and a WtgProfile; {@code selection} is e.g. {@code edition: "..."}. */
  static String drive(String style, Path image, String sha, String selection, String target, long reservedMiB) {
    return lab.catalog() + """
        ---
        apiVersion: rescuefleet.io/v1alpha1
        kind: WtgProfile
        metadata: {name: win11-wtg, namespace: lab}
        spec:
          image: {url: "%s", sha256: %s}
          %s
          %s
          sizeMiB: 1024
          unattend: {computerNamePattern: "WTG-{serial}", copyProfile: true, persistentPageFile: true, sanPolicy: OfflineInternal}
          driversPath: drivers/usb3
        ---
        apiVersion: rescuefleet.io/v1alpha1
        kind: RescueDrive
        metadata: {name: stick, namespace: lab}
        spec:
          serial: "LAB0001"
          layout: {partitionStyle: %s, dataFilesystem: exFAT, ventoyVersion: "1.1.05", reservedMiB: %d}
          catalogRef: {name: set}
          wtgProfileRef: {name: win11-wtg}
        """.formatted(image.toUri(), sha, selection, target, style, reservedMiB);
  }

  static String onPartition(String selection) {
    return drive("GPT", wim, wimSha, selection, "target: Partition", 1024);
  }

  static final String VHD = "target: VhdFile\n  vhdPath: wtg/win11.vhd";

  private Path stick(String yaml) {
    Path image = dir.resolve("stick.img");
    EngineResult r = lab.apply(image, STICK, yaml, null);
    assertThat(r.failure()).as("first apply").isNull();
    assertThat(r.converged()).isTrue();
    return image;
  }

  private static List<String> types(EngineResult r) {
    return r.actions().stream().map(ActionReport::type).toList();
  }

  @Test
  void aPartitionInTheReservedSpaceGetsTheImageBootFilesAndUnattendAndIsRecorded() throws IOException {
    Path image = dir.resolve("stick.img");
    AtomicLong applied = new AtomicLong();
    AtomicLong sampled = new AtomicLong();
    EngineListener listener = new EngineListener() {
      @Override
      public void actionProgress(Action action, long bytesDone, long bytesTotal) {
        if (action instanceof ApplyWtg) {
          applied.set(bytesDone);
        }
      }

      @Override
      public void sample(ThroughputSample sample) {
        if (sample.direction() == Direction.write) {
          sampled.addAndGet(sample.bytes());
        }
      }
    };
    EngineResult r = lab.apply(image, STICK, onPartition("edition: \"Windows 11 Home\""), null, lab.options(), listener);

    assertThat(r.failure()).isNull();
    assertThat(r.converged()).isTrue();
    assertThat(types(r)).containsSubsequence("FetchImage", "PrepareWtgImage", "WritePartitionTable", "CreateWtgPartition",
        "ApplyWtg", "WriteManifest");
    assertThat(applied.get()).as("apply progress from wimlib").isPositive();
    assertThat(sampled.get()).as("write throughput samples").isPositive();

    PartitionTable table = volumes.table(image);
    PartitionEntry p3 = table.partition(3).orElseThrow();
    DesiredLayout layout = DesiredLayout.compute(STICK / 512, io.rescuefleet.api.v1alpha1.PartitionStyle.GPT, 1024);
    assertThat(p3.start()).isEqualTo(layout.reserved().startSector());
    assertThat(p3.size()).isEqualTo(1024 * 2048);
    assertThat(p3.name()).isEqualTo("Windows To Go");
    assertThat(p3.type()).isEqualTo("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7");

    assertThat(volumes.ls(image, 3, "/").lines()).contains("Windows", "Users", "Program Files", "drivers", "EFI");
    assertThat(volumes.ls(image, 3, "/Program Files/Common Files/deep/deeper/deepest").lines()).contains("tool.exe");
    assertThat(volumes.ls(image, 3, "/Windows/System32").lines()).contains("home-edition.dll");
    assertThat(volumes.ls(image, 3, "/EFI/Boot").lines()).contains("bootx64.efi");
    assertThat(volumes.ls(image, 3, "/EFI/Microsoft/Boot").lines()).contains("bootmgfw.efi", "BCD", "memtest.efi");

    String unattend = volumes.cat(image, 3, "/Windows/Panther/unattend.xml");
    assertThat(unattend).contains("<ComputerName>WTG-LAB0001</ComputerName>", "<SanPolicy>4</SanPolicy>",
        "<CopyProfile>true</CopyProfile>", "<Path>C:\\drivers\\usb3</Path>", "PagingFiles");

    Path store = dir.resolve("BCD");
    volumes.copyOut(image, 3, "/EFI/Microsoft/Boot/BCD", store);
    BcdDevice partition3 = BcdDevice.gpt(UUID.fromString(table.id()), UUID.fromString(p3.uuid()));
    WtgMarker marker = MarkerCodec.read(volumes.cat(image, 3, "/" + WtgMarker.PATH).getBytes(StandardCharsets.UTF_8))
        .valid().orElseThrow();
    String loader = "{" + marker.applyId() + "}";
    assertThat(bcd.device(store, BcdElements.BOOTMGR, BcdElements.DEVICE)).contains(partition3);
    assertThat(bcd.device(store, loader, BcdElements.DEVICE)).contains(partition3);
    assertThat(bcd.device(store, loader, BcdElements.OS_DEVICE)).contains(partition3);
    assertThat(bcd.element(store, loader, BcdElements.PATH).map(HiveValue::text)).contains("\\Windows\\system32\\winload.efi");

    Inspection i = lab.inspect(image, VerifyMode.Full);
    assertThat(i.windowsToGo()).singleElement().satisfies(w -> {
      assertThat(w.location()).isEqualTo("partition 3");
      assertThat(w.state()).isEqualTo("applied");
      assertThat(w.imageIndex()).isEqualTo(2);
      assertThat(w.imageName()).isEqualTo("Windows 11 Home");
      assertThat(w.bootConfiguration()).isEqualTo("generated");
      assertThat(w.bootGenerated()).isTrue();
      assertThat(w.samplesChecked()).isPositive();
      assertThat(w.samplesDiffering()).isZero();
    });
    assertThat(i.manifest().wtg()).satisfies(w -> {
      assertThat(w.imageSha256()).isEqualTo(wimSha);
      assertThat(w.index()).isEqualTo(2);
      assertThat(w.edition()).isEqualTo("Windows 11 Home");
      assertThat(w.unattendSha256()).isEqualTo(Digests.sha256(unattend));
      assertThat(w.applyId()).isEqualTo(marker.applyId());
      assertThat(w.bootConfiguration()).isEqualTo("Generated");
    });

    // UEFI cannot read the NTFS volume holding the boot files: Ventoy's F6 menu chainloads them, finding the
    // volume by the serial in its NTFS boot sector (what GRUB's ntfs driver reports as its UUID).
    String serial = ntfsSerial(image, p3);
    assertThat(types(r)).as("written once the stick shows the boot configuration").contains("WriteVentoyMenu");
    assertThat(i.ventoyMenu()).isEqualTo(VentoyMenu.render("win11-wtg", serial))
        .contains("--fs-uuid --set=rescuefleet_wtg " + serial, "chainloader (${rescuefleet_wtg})/EFI/Microsoft/Boot/bootmgfw.efi");
    assertThat(i.files()).filteredOn(f -> f.path().equals("ventoy/ventoy_grub.cfg")).singleElement()
        .satisfies(f -> assertThat(f.state()).isEqualTo("managed"));
    assertThat(r.unmanaged()).doesNotContain("ventoy/ventoy_grub.cfg");

    lab.edit(image, root -> StickLab.write(root.resolve("ventoy/ventoy_grub.cfg"),
        VentoyMenu.HEADER + "\nmenuentry \"edited by hand\" {\n}\n"));
    EngineResult restored = lab.apply(image, STICK, onPartition("edition: \"Windows 11 Home\""), VerifyMode.Quick);
    assertThat(restored.converged()).isTrue();
    assertThat(restored.driftDetected()).isTrue();
    assertThat(restored.plan().actions()).extracting(Action::describe)
        .containsExactly("write ventoy/ventoy_grub.cfg (differs from the Windows To Go on the stick; restoring)");
    assertThat(lab.inspect(image, VerifyMode.Quick).ventoyMenu()).isEqualTo(VentoyMenu.render("win11-wtg", serial));
  }

  /** The volume serial of an NTFS partition, from its boot sector (offset 0x48, little endian), as 16 hex digits. */
  private static String ntfsSerial(Path image, PartitionEntry p) throws IOException {
    try (var f = new java.io.RandomAccessFile(image.toFile(), "r")) {
      f.seek(p.start() * 512 + 0x48);
      byte[] b = new byte[8];
      f.readFully(b);
      return String.format("%016x", java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
    }
  }

  @Test
  void anUnchangedProfileWritesNothingAndAnotherEditionIsReApplied() {
    Path image = stick(onPartition("edition: \"Windows 11 Home\""));

    EngineResult again = lab.apply(image, STICK, onPartition("index: 2"), VerifyMode.Full);
    assertThat(again.converged()).isTrue();
    assertThat(again.plan().actions()).noneMatch(a -> a instanceof WtgAction);
    assertThat(again.bytesWrittenBy("ApplyWtg")).isZero();

    EngineResult pro = lab.apply(image, STICK, onPartition("edition: \"Professional\""), VerifyMode.Quick);
    assertThat(pro.converged()).isTrue();
    assertThat(pro.plan().actionsOf(ApplyWtg.class)).singleElement()
        .satisfies(a -> assertThat(a.reasons()).containsExactly(
            "the profile selects image 1 \"Windows 11 Pro\" (Professional), image 2 \"Windows 11 Home\" is applied"));
    assertThat(volumes.ls(image, 3, "/Windows/System32").lines()).doesNotContain("home-edition.dll");
    assertThat(lab.inspect(image, VerifyMode.Quick).windowsToGo()).singleElement()
        .satisfies(w -> assertThat(w.imageName()).isEqualTo("Windows 11 Pro"));
  }

  @Test
  void aDamagedFileIsFoundBySampledFilesAndReApplied() {
    Path image = stick(onPartition("index: 1"));
    WtgMarker marker = MarkerCodec.read(volumes.cat(image, 3, "/" + WtgMarker.PATH).getBytes(StandardCharsets.UTF_8))
        .valid().orElseThrow();
    String victim = marker.samples().get(0).path();
    volumes.edit(image, 3, root -> append(root.resolve(victim.substring(1)), "worn flash"));

    EngineResult quick = lab.apply(image, STICK, onPartition("index: 1"), VerifyMode.Quick);
    assertThat(quick.plan().actions()).as("Quick trusts the marker").noneMatch(a -> a instanceof WtgAction);

    EngineResult full = lab.apply(image, STICK, onPartition("index: 1"), VerifyMode.Full);
    assertThat(full.converged()).isTrue();
    assertThat(full.driftDetected()).isTrue();
    assertThat(full.plan().actionsOf(ApplyWtg.class)).singleElement()
        .satisfies(a -> assertThat(a.reasons()).singleElement().asString().contains(victim, "differ from the image"));
    assertThat(lab.inspect(image, VerifyMode.Full).windowsToGo()).singleElement()
        .satisfies(w -> assertThat(w.state()).isEqualTo("applied"));
  }

  @Test
  void aVolumeWithoutItsMarkerIsIncompleteNeverGoodAndIsReApplied() {
    Path image = stick(onPartition("index: 1"));
    volumes.edit(image, 3, root -> delete(root.resolve(WtgMarker.PATH)));

    assertThat(lab.inspect(image, VerifyMode.Quick).windowsToGo()).singleElement().satisfies(w -> {
      assertThat(w.state()).isEqualTo("incomplete");
      assertThat(w.imageSha256()).isNull();
      assertThat(w.bootConfiguration()).isNull();
    });
    EngineResult r = lab.apply(image, STICK, onPartition("index: 1"), VerifyMode.Quick);
    assertThat(r.converged()).isTrue();
    assertThat(r.plan().actionsOf(ApplyWtg.class)).singleElement()
        .satisfies(a -> assertThat(a.reasons()).containsExactly("not marked complete (never applied, or an apply was interrupted)"));
  }

  @Test
  void aSelectionTheImageLacksIsInvalidInputListingItsImagesAndWritesNothing() throws IOException {
    Path image = stick(onPartition("index: 1"));

    EngineResult known = lab.apply(image, STICK, onPartition("index: 9"), VerifyMode.Quick);
    assertThat(known.failure()).satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.INVALID_INPUT);
      assertThat(f.kind().exitCode()).isEqualTo(2);
      assertThat(f.reason()).isEqualTo("WtgImageNotFound");
      assertThat(f.message()).contains("spec.index 9 is not an image",
          "it has 1 \"Windows 11 Pro\" (Professional), 2 \"Windows 11 Home\" (Core)");
    });
    assertThat(known.actions()).isEmpty();

    // A WIM the cache has never seen: only applying can find out what it holds, and it does so first.
    Path newWim = dir.resolve("new.wim");
    Files.copy(bare, newWim);
    new ProcessRunner().run(io.rescuefleet.station.process.Command.of("wimlib-imagex", "info", newWim.toString(), "1",
        "--image-property", "DESCRIPTION=rebuilt"));
    String unknownWim = drive("GPT", newWim, TestWims.sha256(newWim), "edition: \"Windows 11 Enterprise\"",
        "target: Partition", 1024);
    EngineResult fresh = lab.apply(image, STICK, unknownWim, VerifyMode.Quick);
    assertThat(fresh.failure()).satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.INVALID_INPUT);
      assertThat(f.message()).contains("spec.edition \"Windows 11 Enterprise\" matches no image", "2 \"Windows 11 Home\" (Core)");
    });
    assertThat(fresh.actions()).extracting(a -> a.type() + (a.ok() ? " ok" : " failed"))
        .as("nothing but fetching and checking the new image ran").containsExactly("FetchImage ok", "PrepareWtgImage failed");
    assertThat(fresh.bytesWritten()).isZero();
    assertThat(lab.inspect(image, VerifyMode.Quick).windowsToGo()).singleElement()
        .satisfies(w -> assertThat(w.state()).isEqualTo("applied"));
  }

  @Test
  void anImageWithoutBcdTemplateIsAppliedButReportsNoBootConfiguration() {
    Path image = stick(drive("GPT", bare, bareSha, "index: 1", "target: Partition", 1024));

    assertThat(lab.inspect(image, VerifyMode.Quick).windowsToGo()).singleElement().satisfies(w -> {
      assertThat(w.state()).isEqualTo("applied");
      assertThat(w.bootConfiguration()).isEqualTo("not generated (the image has no Windows/System32/config/BCD-Template)");
    });
    EngineResult again = lab.apply(image, STICK, drive("GPT", bare, bareSha, "index: 1", "target: Partition", 1024), null);
    assertThat(again.notes()).anySatisfy(n -> assertThat(n.reason()).isEqualTo("WtgBootNotGenerated"));
    assertThat(again.windowsToGo()).singleElement()
        .satisfies(w -> assertThat(w.bootConfiguration()).startsWith("not generated"));
    // The operator hears the same, to put it in the RescueDrive's status.
    assertThat(WireReports.windowsToGo(again)).singleElement().satisfies(w -> {
      assertThat(w.target()).isEqualTo("Partition");
      assertThat(w.location()).isEqualTo("partition 3");
      assertThat(w.state()).isEqualTo("applied");
      assertThat(w.imageSha256()).isEqualTo(bareSha);
      assertThat(w.imageIndex()).isEqualTo(1);
      assertThat(w.bootConfiguration()).isEqualTo("NotGenerated");
      assertThat(w.bootConfigurationReason()).isEqualTo("the image has no Windows/System32/config/BCD-Template");
      assertThat(w.appliedAt()).isNotBlank();
    });
    assertThat(volumes.ls(image, 3, "/").lines()).contains("Windows").doesNotContain("EFI");
    assertThat(lab.inspect(image, VerifyMode.Quick).ventoyMenu()).as("nothing to offer in Ventoy's menu").isNull();
  }

  @Test
  void aProfileTakenOffTheDriveRemovesThePartitionItMade() {
    Path image = stick(onPartition("index: 1"));
    assertThat(lab.inspect(image, VerifyMode.Quick).ventoyMenu()).contains(VentoyMenu.title("win11-wtg"));
    String without = onPartition("index: 1").replace("  wtgProfileRef: {name: win11-wtg}\n", "");

    EngineResult r = lab.apply(image, STICK, without, VerifyMode.Quick);

    assertThat(r.converged()).isTrue();
    assertThat(types(r)).containsSubsequence("RetractWtgRecord", "RemoveWtg", "WriteManifest", "RemoveVentoyMenu");
    assertThat(volumes.table(image).partition(3)).isEmpty();
    Inspection i = lab.inspect(image, VerifyMode.Quick);
    assertThat(i.windowsToGo()).isEmpty();
    assertThat(i.manifest().wtg()).isNull();
    assertThat(i.ventoyMenu()).as("the menu RescueFleet wrote goes with the system").isNull();
  }

  @Test
  void aVhdTargetIsAFixedVhdOnTheDataPartitionRegisteredInVentoyJson() {
    String yaml = drive("MBR", wim, wimSha, "edition: \"Windows 11 Pro\"", VHD, 0);
    Path image = stick(yaml);

    lab.edit(image, root -> {
      Path vhd = root.resolve("wtg/win11.vhd");
      try {
        assertThat(Files.size(vhd)).isEqualTo(mib(1024) + 512);
        byte[] footer = new byte[512];
        try (var f = new java.io.RandomAccessFile(vhd.toFile(), "r")) {
          f.seek(mib(1024));
          f.readFully(footer);
        }
        var decoded = io.rescuefleet.station.wtg.vhd.VhdFooter.decode(footer);
        assertThat(decoded.size()).isEqualTo(mib(1024));
        assertThat(decoded.diskType()).isEqualTo(2);
        assertThat(decoded.geometry()).isEqualTo(io.rescuefleet.station.wtg.vhd.VhdGeometry.of(mib(1024)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      PartitionTable inner;
      try (var loop = lab.loops.attach(vhd.toString(), 0, mib(1024), true)) {
        inner = volumes.table(Path.of(loop.path()));
      }
      assertThat(inner.label()).isEqualTo("dos");
      assertThat(inner.partition(1)).hasValueSatisfying(p -> {
        assertThat(p.start()).isEqualTo(2048);
        assertThat(p.start() + p.size()).isEqualTo(mib(1024) / 512);
        assertThat(p.type()).isEqualTo("7");
        assertThat(p.bootable()).isTrue();
      });
      assertThat(volumes.ls(vhd, 1, "/Windows").lines()).contains("System32", "Boot", "Panther");
      Path store = dir.resolve("BCD");
      volumes.copyOut(vhd, 1, "/EFI/Microsoft/Boot/BCD", store);
      assertThat(bcd.device(store, BcdElements.BOOTMGR, BcdElements.DEVICE))
          .contains(BcdDevice.mbr(Long.parseLong(inner.id().substring(2), 16), 2048L * 512));
      assertThat(volumes.cat(vhd, 1, "/Windows/Panther/unattend.xml")).contains("<ComputerName>WTG-LAB0001</ComputerName>");
    });

    Inspection i = lab.inspect(image, VerifyMode.Full);
    assertThat(i.ventoyJson()).contains("\"image\" : \"/wtg/win11.vhd\"", "\"alias\" : \"Windows To Go (win11-wtg)\"");
    assertThat(i.files()).filteredOn(f -> f.path().equals("wtg/win11.vhd")).singleElement()
        .satisfies(f -> assertThat(f.state()).isEqualTo("windows to go"));
    assertThat(i.windowsToGo()).singleElement().satisfies(w -> {
      assertThat(w.location()).isEqualTo("wtg/win11.vhd");
      assertThat(w.state()).isEqualTo("applied");
      assertThat(w.imageName()).isEqualTo("Windows 11 Pro");
      assertThat(w.samplesDiffering()).isZero();
    });
    EngineResult again = lab.apply(image, STICK, yaml, VerifyMode.Full);
    assertThat(again.converged()).isTrue();
    assertThat(again.plan().actions()).noneMatch(a -> a instanceof WtgAction);
    assertThat(again.unmanaged()).doesNotContain("wtg/win11.vhd");
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
