package io.rescuefleet.station.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.api.v1alpha1.PartitionStyle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The layout follows Ventoy's installer (ventoy_lib.sh), worked out by hand for an 8 GiB stick. */
class DesiredLayoutTest {
  private static final long EIGHT_GIB = 16_777_216;

  @ParameterizedTest(name = "{0} with {1} MiB reserved: VTOYEFI at {2}")
  @CsvSource({
      "MBR, 0,    16711680",  // (N - 65536), already 4 KiB aligned
      "GPT, 0,    16711640",  // (N - 33 - 65536) = 16711647, aligned down to 8 sectors
      "GPT, 1024, 14614488",  // Ventoy: part2_start 14614495, mod 8 = 7 -> 14614488
      "MBR, 1024, 14614528",  // (N - 2097152 - 65536)
  })
  void placesVtoyefiAtTheEndBeforeTheReservedSpace(PartitionStyle style, long reservedMiB, long efiStart) {
    DesiredLayout layout = DesiredLayout.compute(EIGHT_GIB, style, reservedMiB);
    assertThat(layout.data()).isEqualTo(new Region(2048, efiStart - 2048));
    assertThat(layout.efi()).isEqualTo(new Region(efiStart, 65536));
    assertThat(layout.efi().startSector() % 8).isZero();
    long tail = style == PartitionStyle.GPT ? 33 : 0;
    assertThat(layout.reserved().endSector()).isEqualTo(EIGHT_GIB - tail);
    assertThat(layout.reserved().sectors()).isGreaterThanOrEqualTo(reservedMiB * 2048).isLessThan(reservedMiB * 2048 + 8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"MBR", "GPT"})
  void refusesSticksTooSmallForTheLayout(PartitionStyle style) {
    assertThatThrownBy(() -> DesiredLayout.compute(60 * 2048, style, 0))
        .isInstanceOf(DiskTooSmallException.class)
        .hasMessageContaining("the stick has 60 MiB");
  }
}
