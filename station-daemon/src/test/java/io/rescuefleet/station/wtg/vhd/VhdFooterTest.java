package io.rescuefleet.station.wtg.vhd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VhdFooterTest {
  private static final Instant CREATED = Instant.parse("2026-11-25T12:00:00Z");
  private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b");
  private static final long GIB = 1L << 30;

  @Test
  void laysOutTheFieldsOfAFixedDiskBigEndian() {
    byte[] footer = VhdFooter.fixed(GIB, CREATED, ID).encode();
    ByteBuffer b = ByteBuffer.wrap(footer);

    assertThat(footer).hasSize(512);
    assertThat(new String(footer, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("conectix");
    assertThat(b.getInt(8)).isEqualTo(2);
    assertThat(b.getInt(12)).isEqualTo(0x00010000);
    assertThat(b.getLong(16)).isEqualTo(-1L);
    assertThat(b.getInt(24)).isEqualTo((int) (CREATED.getEpochSecond() - Instant.parse("2000-01-01T00:00:00Z").getEpochSecond()));
    assertThat(b.getLong(40)).isEqualTo(GIB);
    assertThat(b.getLong(48)).isEqualTo(GIB);
    assertThat(b.getInt(60)).isEqualTo(2);
    assertThat(new UUID(b.getLong(68), b.getLong(76))).isEqualTo(ID);
    assertThat(footer[84]).isZero();
  }

  @Test
  void checksumIsTheOnesComplementOfTheByteSum() {
    byte[] footer = VhdFooter.fixed(GIB, CREATED, ID).encode();
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 64 && i < 68 ? 0 : footer[i] & 0xFF;
    }
    assertThat(ByteBuffer.wrap(footer).getInt(64)).isEqualTo(~sum);
  }

  @Test
  void readsBackWhatItWrote() {
    VhdFooter footer = VhdFooter.fixed(3 * GIB, CREATED, ID);

    assertThat(VhdFooter.decode(footer.encode())).isEqualTo(footer);
  }

  @ParameterizedTest(name = "{0} MiB -> C/H/S {1}/{2}/{3}")
  @CsvSource({
      "1024, 2080, 16, 63",
      "10, 301, 4, 17",
      "65536, 32896, 16, 255",
      "4194304, 65535, 16, 255"})
  void computesTheSpecificationsGeometry(long mib, int cylinders, int heads, int sectors) {
    assertThat(VhdGeometry.of(mib << 20)).isEqualTo(new VhdGeometry(cylinders, heads, sectors));
  }

  @Test
  void refusesDamagedOrForeignFooters() {
    byte[] good = VhdFooter.fixed(GIB, CREATED, ID).encode();

    byte[] flipped = good.clone();
    flipped[45] ^= 1;
    assertThatThrownBy(() -> VhdFooter.decode(flipped)).hasMessageContaining("checksum");

    byte[] dynamic = good.clone();
    ByteBuffer.wrap(dynamic).putInt(60, 3).putLong(16, 512).putInt(64, VhdFooter.checksum(dynamic));
    assertThatThrownBy(() -> VhdFooter.decode(dynamic)).hasMessageContaining("not fixed");

    assertThatThrownBy(() -> VhdFooter.decode(new byte[512])).hasMessageContaining("no VHD footer");
    assertThatThrownBy(() -> VhdFooter.fixed(1000, CREATED, ID)).hasMessageContaining("multiple of 512");
  }
}
