package io.rescuefleet.station.connected;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and checks a station config file; every problem names the key. */
public final class StationConfigLoader {
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private StationConfigLoader() {}

  public static StationConfig load(Path file) {
    StationConfig config;
    try {
      config = YAML.readValue(file.toFile(), StationConfig.class);
    } catch (JsonMappingException e) {
      String field = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
      throw new ConfigException(file + ": " + field + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    if (config == null) {
      throw new ConfigException(file + ": is empty");
    }
    List<String> problems = check(config);
    if (!problems.isEmpty()) {
      throw new ConfigException(file + ": " + String.join("; ", problems));
    }
    return config;
  }

  static List<String> check(StationConfig c) {
    List<String> problems = new ArrayList<>();
    if (c.station == null || !DNS_LABEL.matcher(c.station).matches()) {
      problems.add("station: must be the ImagingStation's name (a DNS-1123 label)");
    }
    if (c.operatorUrl == null) {
      problems.add("operatorUrl: is required");
    } else if (!"http".equals(c.operatorUrl.getScheme()) && !"https".equals(c.operatorUrl.getScheme())) {
      problems.add("operatorUrl: must be an http or https URL, got " + c.operatorUrl);
    } else if (c.operatorUrl.getHost() == null) {
      problems.add("operatorUrl: must name a host, got " + c.operatorUrl);
    }
    if (c.tokenFile == null) {
      problems.add("tokenFile: is required");
    } else if (!Files.isReadable(c.tokenFile)) {
      problems.add("tokenFile: cannot read " + c.tokenFile);
    }
    if (c.caFile != null && !Files.isReadable(c.caFile)) {
      problems.add("caFile: cannot read " + c.caFile);
    }
    if (c.cacheDir == null) {
      problems.add("cacheDir: is required");
    }
    if (c.stateDir == null) {
      problems.add("stateDir: is required");
    }
    if (c.ventoyReleaseDir != null && !Files.isDirectory(c.ventoyReleaseDir)) {
      problems.add("ventoyReleaseDir: no such directory " + c.ventoyReleaseDir);
    }
    if (c.maxParallelSticks < 1) {
      problems.add("maxParallelSticks: must be at least 1");
    }
    if (c.outboxCapacity < StationConfig.MIN_OUTBOX_CAPACITY || c.outboxCapacity > StationConfig.MAX_OUTBOX_CAPACITY) {
      problems.add("outboxCapacity: must be between " + StationConfig.MIN_OUTBOX_CAPACITY + " and "
          + StationConfig.MAX_OUTBOX_CAPACITY + " batches, got " + c.outboxCapacity);
    }
    if (c.discovery == null || !(c.discovery.pollSeconds > 0)) {
      problems.add("discovery.pollSeconds: must be greater than 0");
    }
    for (int i = 0; i < c.allowDevices.size(); i++) {
      String d = c.allowDevices.get(i);
      if (d == null || !d.startsWith("/dev/") || d.contains("..")) {
        problems.add("allowDevices[" + i + "]: must be a device path under /dev/");
      }
    }
    return problems;
  }

  /** A config file that cannot be used. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }
}
