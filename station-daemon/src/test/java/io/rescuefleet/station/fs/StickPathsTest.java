package io.rescuefleet.station.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StickPathsTest {
  private static final Path ROOT = Path.of("/run/rescuefleet/mnt-1");

  @Test
  void aPathOnTheVolumeResolvesUnderIt() {
    assertThat(StickPaths.resolve(ROOT, "iso/linux/a.iso")).isEqualTo(ROOT.resolve("iso/linux/a.iso"));
    assertThat(StickPaths.resolve(ROOT, "iso/../wtg/w.vhd")).isEqualTo(ROOT.resolve("wtg/w.vhd"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc/shadow", "iso/../../x", "/etc/passwd", "", ".", "iso\\..\\..\\x", "a\0b"})
  void aPathLeavingTheVolumeIsRefused(String path) {
    assertThatThrownBy(() -> StickPaths.resolve(ROOT, path)).isInstanceOf(PathOutsideVolumeException.class)
        .hasMessageContaining("is not inside the volume at " + ROOT);
  }
}
