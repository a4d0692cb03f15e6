package io.rescuefleet.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WireTextTest {
  @Test
  void aMessageKeepsItsLinesAndLosesOtherControlCharacters() {
    assertThat(WireText.message("sfdisk failed:\n\tline\u0000two\u001b[0m")).isEqualTo("sfdisk failed:\n\tlinetwo[0m");
    assertThat(WireText.message("x".repeat(5000))).hasSize(StationApi.MAX_MESSAGE_CHARS).endsWith("...");
    assertThat(WireText.message(null)).isNull();
  }

  @Test
  void aLabelIsOnePrintableLine() {
    assertThat(WireText.label(" Kingston\nDT\u0007 ", 256)).isEqualTo("Kingston DT");
    assertThat(WireText.label("abcdef", 5)).isEqualTo("ab...");
  }
}
