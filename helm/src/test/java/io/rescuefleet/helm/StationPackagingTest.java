package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The station's packaging for hosts outside the cluster: a valid systemd unit and a config example with the fixed keys. */
class StationPackagingTest {
  private static final Path PACKAGING = HelmChart.REPO_ROOT.resolve("station-daemon/packaging");
  private static final Path UNIT = PACKAGING.resolve("rescue-station.service");
  private static final Path EXAMPLE = PACKAGING.resolve("station.yaml.example");
  private static final Set<String> CONFIG_KEYS = Set.of("station", "operatorUrl", "tokenFile", "caFile",
      "cacheDir", "stateDir", "ventoyReleaseDir", "ports", "allowDevices", "discovery", "maxParallelSticks",
      "outboxCapacity");

  @Test
  void unitRunsTheStationWithTheConfigFile() throws IOException {
    assertThat(Files.readAllLines(UNIT))
        .contains("ExecStart=/usr/bin/rescue-station run --config /etc/rescuefleet/station.yaml")
        .contains("CacheDirectory=rescuefleet", "StateDirectory=rescuefleet")
        .contains("WantedBy=multi-user.target");
  }

  @Test
  void systemdAcceptsTheUnitWithoutWarnings(@TempDir Path dir) throws Exception {
    // systemd-analyze insists that ExecStart exists: point it at a stub, change nothing else.
    Path stub = Files.writeString(dir.resolve("rescue-station"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path unit = dir.resolve("rescue-station.service");
    Files.writeString(unit, Files.readString(UNIT).replace("/usr/bin/rescue-station", stub.toString()));

    ExternalTool.Result result = ExternalTool.SYSTEMD_ANALYZE.run(dir, "verify", "--man=no", unit.toString());

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.output()).as("unknown keys only warn").isBlank();
  }

  @Test
  void exampleHasExactlyTheFixedKeys() throws IOException {
    JsonNode example = new YAMLMapper().readTree(EXAMPLE.toFile());

    assertThat(keys(example)).isEqualTo(new TreeSet<>(CONFIG_KEYS));
    assertThat(example.get("discovery").get("pollSeconds").isInt()).isTrue();
    assertThat(example.get("ports")).allSatisfy(port -> assertThat(keys(port)).containsExactly("label", "path"));
    // The unit's CacheDirectory= and StateDirectory= are these.
    assertThat(example.get("cacheDir").asText()).isEqualTo("/var/cache/rescuefleet");
    assertThat(example.get("stateDir").asText()).isEqualTo("/var/lib/rescuefleet");
  }

  @Test
  void chartRendersTheSameKeysAsTheExample() throws IOException {
    JsonNode rendered = StationDaemonSetTest.config(HelmChart.templateWithValues("everything-on.yaml"), "fleet-station");
    JsonNode example = new YAMLMapper().readTree(EXAMPLE.toFile());

    assertThat(keys(rendered)).isEqualTo(keys(example));
    assertThat(keys(rendered.get("discovery"))).isEqualTo(keys(example.get("discovery")));
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
