package io.rescuefleet.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {
  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"500ms, 500", "1s, 1000", "1.5s, 1500", "2m, 120000", "1h, 3600000", "PT0.25S, 250"})
  void durations(String text, long millis) {
    assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1 s", "-1s", "soon", "1d"})
  void badDurationsSayWhatIsExpected(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text)).hasMessageContaining("500ms");
  }

  @Test
  void secretNamesAreNamespaceSlashName() {
    assertThat(OperatorConfig.SecretName.parse("ops/station-tls")).isEqualTo(new OperatorConfig.SecretName("ops", "station-tls"));
    for (String bad : new String[] {"tls", "/tls", "ops/", "a/b/c"}) {
      assertThatThrownBy(() -> OperatorConfig.SecretName.parse(bad)).hasMessageContaining("namespace/name");
    }
  }

  @Test
  void presetsAndValidation() {
    OperatorConfig inProcess = OperatorConfig.inProcessApiServer();
    assertThat(inProcess.serverSideApply()).isFalse();
    assertThat(inProcess.checkCrds()).isFalse();
    assertThat(inProcess.stationApiPort()).isZero();
    assertThat(OperatorConfig.cluster().serverSideApply()).isTrue();
    assertThat(OperatorConfig.cluster().httpPort()).isEqualTo(8080);
    assertThat(OperatorConfig.cluster().stationApiPort()).isEqualTo(8081);
    assertThat(OperatorConfig.cluster().coalesceInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> inProcess.withCoalesceInterval(Duration.ZERO)).hasMessageContaining("coalesceInterval");
    assertThatThrownBy(() -> inProcess.withPorts(70000, 0)).hasMessageContaining("stationApiPort");
  }
}
