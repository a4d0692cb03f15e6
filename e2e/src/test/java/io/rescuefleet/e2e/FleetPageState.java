package io.rescuefleet.e2e;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fleet-health page shows, as read from its DOM by {@code browser/fleet-page-state.js}:
 * the summary tiles, each station card with its port rows, each row of the sticks table, and the
 * drift chart and events. Texts are as rendered, so assertions are on what a person sees.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record FleetPageState(boolean loaded, String marker, String freshness, String error, Map<String, String> tiles,
    List<Station> stations, List<Drive> drives, int driftBars, int driftPerMinute, List<String> driftEvents) {
  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Pattern NUMBER = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)");

  /** The script that reads the page, to evaluate in it. */
  static final String SCRIPT = resource("/browser/fleet-page-state.js");

  static FleetPageState of(JsonNode value) {
    return JSON.convertValue(value, FleetPageState.class);
  }

  /** A station card. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Station(String name, String heading, String online, List<Port> ports) {
    Port port(String path) {
      return ports.stream().filter(p -> p.port().equals(path)).findFirst()
          .orElseThrow(() -> new AssertionError("station " + name + " shows no port " + path + ": " + ports));
    }
  }

  /** A port row of a station card: its label, the stick in it, the drive bound to it, the drive's phase. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Port(String port, String label, String stick, String drive, String phase, String progress) {}

  /** A row of the sticks table. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Drive(String key, String name, String phase, boolean quarantined, String where, String progress, Integer percent,
      String write, boolean writeBelowMinimum, String read, String written, String verify, String alerts, String drift) {
    /** The MB/s figure of the write cell, before "(min N)". */
    double writeMBps() {
      Matcher m = NUMBER.matcher(Objects.requireNonNullElse(write, ""));
      if (!m.find()) {
        throw new AssertionError("write cell of " + key + " shows no figure: '" + write + "'");
      }
      return Double.parseDouble(m.group(1));
    }
  }

  Station station(String name) {
    return stations.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("the page shows no station " + name + ": " + stations));
  }

  Drive drive(String key) {
    return drives.stream().filter(d -> d.key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("the page shows no drive " + key + ": " + drives));
  }

  boolean showsDrive(String key) {
    return drives.stream().anyMatch(d -> d.key().equals(key));
  }

  private static String resource(String name) {
    try (InputStream in = Objects.requireNonNull(FleetPageState.class.getResourceAsStream(name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
