package io.rescuefleet.station.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.station.observe.VentoyJsonCheck;
import io.rescuefleet.station.testing.OnStickCases;
import io.rescuefleet.station.testing.OnStickCases.Case;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every on-stick case read as the engine reads it: the manifest through ManifestCodec, ventoy.json
 * through VentoyJsonCheck. Each is classified (never thrown) with the expected reason; none is
 * trusted. BadStickDataComponentTest runs the live ones on a real stick.
 */
class OnStickCorpusTest {
  static List<Case> cases() {
    return OnStickCases.all();
  }

  @Test
  void theCorpusCoversBothFiles() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(45);
    assertThat(cases()).filteredOn(Case::manifest).hasSizeGreaterThanOrEqualTo(30);
    assertThat(cases()).filteredOn(c -> !c.manifest()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(OnStickCases.live()).hasSizeGreaterThanOrEqualTo(12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isClassifiedWithItsReasonAndNotTrusted(Case c) {
    if (c.manifest()) {
      // VolumeProbe refuses an oversized manifest before reading it, with the same words.
      ManifestRead read = ManifestCodec.read(c.content());
      assertThat(read).as(c.name()).isNotInstanceOf(ManifestRead.Valid.class);
      assertThat(read.describe()).as(c.name()).contains(c.expect().replace("17000000 bytes", ""));
      assertThat(read.valid()).isEmpty();
    } else {
      Optional<String> problem = VentoyJsonCheck.problem(c.content().length > (1 << 20) ? null
          : new String(c.content(), StandardCharsets.UTF_8));
      if (c.expect().startsWith("edited")) {
        assertThat(problem).as("well-formed, only the stick can tell it was edited").isEmpty();
      } else {
        assertThat(problem).as(c.name()).hasValueSatisfying(p -> assertThat(p).contains(c.expect()));
      }
    }
  }
}
