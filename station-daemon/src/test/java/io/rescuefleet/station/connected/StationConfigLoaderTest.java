package io.rescuefleet.station.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StationConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void readsTheExampleShippedWithThePackaging() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "secret");
    String example = Files.readString(Path.of("packaging/station.yaml.example"))
        .replace("/etc/rescuefleet/token", token.toString())
        // The example names host paths this test machine does not have.
        .replaceAll("(?m)^caFile: .*$", "")
        .replaceAll("(?m)^ventoyReleaseDir: .*$", "");
    Path file = Files.writeString(dir.resolve("station.yaml"), example);
    StationConfig c = StationConfigLoader.load(file);
    assertThat(c.station).isNotBlank();
    assertThat(c.operatorUrl.getScheme()).startsWith("http");
    assertThat(c.maxParallelSticks).isPositive();
    assertThat(c.outboxCapacity).isEqualTo(10_000);
  }

  @Test
  void outboxCapacityDefaultsToTenThousandBatchesAndCanBeSet() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "secret");
    String minimal = "station: lab-a\noperatorUrl: http://operator:8081\ntokenFile: " + token + "\n";
    Path defaults = Files.writeString(dir.resolve("defaults.yaml"), minimal);
    Path set = Files.writeString(dir.resolve("set.yaml"), minimal + "outboxCapacity: 250\n");

    assertThat(StationConfigLoader.load(defaults).outboxCapacity).isEqualTo(10_000);
    assertThat(StationConfigLoader.load(set).outboxCapacity).isEqualTo(250);
  }

  @ParameterizedTest(name = "outboxCapacity: {0} is refused")
  @ValueSource(strings = {"0", "-5", "2", "100001", "2147483647"})
  void outboxCapacityMustBeBounded(String capacity) throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "secret");
    Path file = Files.writeString(dir.resolve("station.yaml"),
        "station: lab-a\noperatorUrl: http://operator:8081\ntokenFile: " + token + "\noutboxCapacity: " + capacity + "\n");

    assertThatThrownBy(() -> StationConfigLoader.load(file))
        .hasMessageContaining("outboxCapacity: must be between 3 and 100000 batches, got " + capacity);
  }

  @Test
  void anOutboxCapacityThatIsNotAWholeNumberNamesTheKey() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "secret");
    Path file = Files.writeString(dir.resolve("station.yaml"),
        "station: lab-a\noperatorUrl: http://operator:8081\ntokenFile: " + token + "\noutboxCapacity: lots\n");

    assertThatThrownBy(() -> StationConfigLoader.load(file)).hasMessageContaining("outboxCapacity");
  }

  @Test
  void namesTheKeyOfEveryProblem() throws IOException {
    Path file = Files.writeString(dir.resolve("station.yaml"), """
        station: Lab_A
        operatorUrl: ftp://operator
        tokenFile: /nonexistent/token
        maxParallelSticks: 0
        allowDevices: [sda]
        """);
    assertThatThrownBy(() -> StationConfigLoader.load(file))
        .hasMessageContaining("station: must be the ImagingStation's name")
        .hasMessageContaining("operatorUrl: must be an http or https URL")
        .hasMessageContaining("tokenFile: cannot read /nonexistent/token")
        .hasMessageContaining("maxParallelSticks: must be at least 1")
        .hasMessageContaining("allowDevices[0]: must be a device path under /dev/");
  }

  @Test
  void rejectsUnknownKeys() throws IOException {
    Path file = Files.writeString(dir.resolve("station.yaml"), "station: lab-a\nopertorUrl: http://x\n");
    assertThatThrownBy(() -> StationConfigLoader.load(file)).hasMessageContaining("opertorUrl");
  }
}
