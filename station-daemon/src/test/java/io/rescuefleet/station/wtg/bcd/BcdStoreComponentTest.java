package io.rescuefleet.station.wtg.bcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testkit.BcdTemplates;
import io.rescuefleet.station.wtg.registry.HiveValue;
import io.rescuefleet.station.wtg.registry.Hivex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds a BCD store from a template with the real hivexsh and reads it back with hivexget. */
class BcdStoreComponentTest {
  private static final String LOADER = "{0b5e8a0e-58f3-4b55-9a36-8c1d0f3e7a11}";
  private static final BcdDevice DEVICE = BcdDevice.gpt(UUID.fromString("11111111-2222-3333-4444-555555555555"),
      UUID.fromString("66666666-7777-8888-9999-aaaaaaaaaaaa"));

  private final ProcessRunner runner = new ProcessRunner();
  private final BcdStore store = new BcdStore(new Hivex(runner));

  @TempDir
  Path dir;

  @BeforeAll
  static void tools() {
    Machine.requireRootAndTools(java.util.List.of("hivexsh", "hivexget"));
  }

  private String hivexget(Path hive, String key, String value) {
    return runner.run(Command.of("hivexget", hive.toString(), key, value)).stdout().strip();
  }

  @Test
  void pointsTheBootManagerAndTheNewLoaderAtTheWindowsPartition() throws Exception {
    Path template = dir.resolve("BCD-Template");
    BcdTemplates.write(template);
    Path bcd = dir.resolve("BCD");

    store.build(template, bcd, WindowsToGoBcd.objects(DEVICE, LOADER, "Windows 11 Pro (Windows To Go)", "en-US",
        store.objectIds(template), true));

    String manager = "\\Objects\\" + BcdElements.BOOTMGR + "\\Elements\\";
    String loader = "\\Objects\\" + LOADER + "\\Elements\\";
    assertThat(hivexget(bcd, manager + "12000002", "Element")).isEqualTo("\\EFI\\Microsoft\\Boot\\bootmgfw.efi");
    assertThat(hivexget(bcd, manager + "23000003", "Element")).isEqualTo(LOADER);
    assertThat(hivexget(bcd, loader + "12000002", "Element")).isEqualTo("\\Windows\\system32\\winload.efi");
    assertThat(hivexget(bcd, loader + "22000002", "Element")).isEqualTo("\\Windows");
    assertThat(hivexget(bcd, loader + "12000004", "Element")).isEqualTo("Windows 11 Pro (Windows To Go)");
    assertThat(hivexget(bcd, "\\Objects\\" + LOADER + "\\Description", "Type")).isEqualTo("270532611"); // 0x10200003
    for (String device : new String[] {manager + "11000001", loader + "11000001", loader + "21000001",
        "\\Objects\\" + BcdElements.MEMDIAG + "\\Elements\\11000001"}) {
      assertThat(store.device(bcd, device.split("\\\\")[2], device.substring(device.lastIndexOf('\\') + 1)))
          .as(device).contains(DEVICE);
    }
    assertThat(store.element(bcd, LOADER, BcdElements.INHERIT).map(HiveValue::listed))
        .contains(java.util.List.of(BcdElements.BOOTLOADER_SETTINGS));
    assertThat(hivexget(bcd, "\\Description", "KeyName")).as("the template's own keys are kept").isEqualTo("BCD00000000");
    assertThat(Files.readAllBytes(template)).as("the template itself is untouched")
        .isNotEqualTo(Files.readAllBytes(bcd));
  }

  @Test
  void theDeviceElementHoldsTheDocumentedBytes() throws Exception {
    Path template = dir.resolve("BCD-Template");
    BcdTemplates.write(template);
    Path bcd = dir.resolve("BCD");
    store.build(template, bcd, WindowsToGoBcd.objects(BcdDevice.mbr(0x1234abcdL, 1L << 20), LOADER, "W", "en-US",
        store.objectIds(template), false));

    String lsval = runner.run(Command.of("hivexsh", bcd.toString()).withStdin(
        ("cd \\Objects\\" + LOADER + "\\Elements\\21000001\nlsval\n").getBytes())).stdout().strip();

    assertThat(lsval).isEqualTo("\"Element\"=hex(3):" + HexFormat.ofDelimiter(",").formatHex(
        BcdDevice.mbr(0x1234abcdL, 1L << 20).encode()));
    assertThat(lsval).contains("06,00,00,00,00,00,00,00,48,00,00,00,00,00,00,00,00,00,10,00");
  }
}
