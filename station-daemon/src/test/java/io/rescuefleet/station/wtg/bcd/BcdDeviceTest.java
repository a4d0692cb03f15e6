package io.rescuefleet.station.wtg.bcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BcdDeviceTest {
  /**
   * The device element bcdedit wrote for {@code partition=C:} on an MBR disk with signature b3eba8f1,
   * the partition 368050176 bytes in (as published in the mistyprojects BCDEdit notes).
   */
  private static final String MBR_PARTITION_C = "00000000000000000000000000000000" + "06000000" + "00000000"
      + "48000000" + "00000000" + "0000f01500000000" + "0000000000000000" + "00000000" + "01000000"
      + "f1a8ebb3" + "000000000000000000000000" + "00000000000000000000000000000000";

  @Test
  void encodesAnMbrPartitionExactlyAsBcdeditDoes() {
    assertThat(HexFormat.of().formatHex(BcdDevice.mbr(0xb3eba8f1L, 368050176L).encode())).isEqualTo(MBR_PARTITION_C);
  }

  @Test
  void encodesAGptPartitionByItsGuidAndItsDisksGuidInWindowsByteOrder() {
    UUID disk = UUID.fromString("7c69a706-eda5-11dd-bc09-001e4ce28b8f");
    UUID partition = UUID.fromString("6efb52bf-1766-41db-a6b3-0ee5eff72bd7");

    byte[] value = BcdDevice.gpt(disk, partition).encode();

    assertThat(value).hasSize(0x58);
    assertThat(HexFormat.of().formatHex(value, 0x20, 0x30)).isEqualTo("bf52fb6e6617db41a6b30ee5eff72bd7");
    assertThat(HexFormat.of().formatHex(value, 0x34, 0x38)).isEqualTo("00000000");
    assertThat(HexFormat.of().formatHex(value, 0x38, 0x48)).isEqualTo("06a7697ca5eddd11bc09001e4ce28b8f");
    assertThat(BcdDevice.decode(value)).isEqualTo(BcdDevice.gpt(disk, partition));
  }

  @Test
  void decodesWhatItEncodes() {
    BcdDevice mbr = BcdDevice.mbr(0xdeadbeefL, 1L << 40);
    assertThat(BcdDevice.decode(mbr.encode())).isEqualTo(mbr);
  }

  @Test
  void refusesValuesThatAreNotPartitionDevices() {
    byte[] boot = BcdDevice.mbr(1, 512).encode();
    boot[0x10] = 5;
    assertThatThrownBy(() -> BcdDevice.decode(boot)).hasMessageContaining("not a partition");
    assertThatThrownBy(() -> BcdDevice.decode(new byte[12])).hasMessageContaining("88 bytes");
  }
}
