package io.rescuefleet.station.wtg.unattend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComputerNameTest {
  @ParameterizedTest(name = "{0} with serial {1} -> {2}")
  @CsvSource(nullValues = "NULL", value = {
      "WTG-{serial}, 1234, WTG-1234",
      "WTG-{serial}, 4C530001230918116023, WTG-30918116023",
      "WTG-{serial}, ab:cd/ef_01, WTG-ABCDEF01",
      "RESCUE, 4C530001230918116023, RESCUE",
      "{serial}-WTG, 4C53000123091811, 00123091811-WTG",
      "{serial}, 4C530001230918116023, W01230918116023",
      "{serial}, 202311090001, W202311090001",
      "WTG-{serial}, NULL, WTG-NOSERIAL",
      "WTG-{serial}, '', WTG-NOSERIAL",
      "A-VERY-LONG-PREFIX-{serial}, 12345, A-VERY-LONG-PRE"})
  void rendersAWindowsComputerName(String pattern, String serial, String expected) {
    String name = ComputerName.render(pattern, serial);

    assertThat(name).isEqualTo(expected);
    assertThat(name).hasSizeLessThanOrEqualTo(15).matches("[A-Za-z0-9-]+").doesNotMatch("[0-9]+");
  }
}
