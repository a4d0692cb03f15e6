package io.rescuefleet.station.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.station.failure.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeParserTest {
  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({"4096, 4096", "512M, 536870912", "512MiB, 536870912", "4G, 4294967296", "8GB, 8000000000", "1t, 1099511627776",
      "64k, 65536"})
  void readsSizes(String text, long bytes) {
    assertThat(SizeParser.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"lots", "-5M", "1.5G", "12X"})
  void namesTheOptionWhenItCannot(String text) {
    assertThatThrownBy(() -> SizeParser.parse(text)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("--size " + text);
  }
}
