package io.rescuefleet.station.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code lsblk -J -O -b} output. Tolerates what differs between util-linux versions: booleans
 * as JSON booleans or "0"/"1", sizes as numbers or strings, {@code mountpoint} alone or with the
 * newer {@code mountpoints} array.
 */
public final class LsblkParser {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private LsblkParser() {}

  /** @throws IllegalArgumentException when the text is not lsblk's JSON */
  public static List<BlockDeviceInfo> parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("lsblk printed something that is not JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode devices = root == null ? null : root.get("blockdevices");
    if (devices == null || !devices.isArray()) {
      throw new IllegalArgumentException("lsblk output has no blockdevices array");
    }
    List<BlockDeviceInfo> result = new ArrayList<>();
    devices.forEach(d -> result.add(device(d)));
    return result;
  }

  private static BlockDeviceInfo device(JsonNode d) {
    List<String> mounts = new ArrayList<>();
    JsonNode many = d.get("mountpoints");
    if (many != null && many.isArray()) {
      many.forEach(m -> mounts.add(m.isNull() ? null : m.asText()));
    } else if (text(d, "mountpoint") != null) {
      mounts.add(text(d, "mountpoint"));
    }
    List<BlockDeviceInfo> children = new ArrayList<>();
    d.path("children").forEach(c -> children.add(device(c)));
    String name = text(d, "name");
    return new BlockDeviceInfo(
        name,
        orElse(text(d, "kname"), name),
        orElse(text(d, "path"), name == null ? null : "/dev/" + name),
        text(d, "type"),
        text(d, "tran"),
        bool(d, "rm"),
        bool(d, "hotplug"),
        bool(d, "ro"),
        trimmed(d, "serial"),
        trimmed(d, "vendor"),
        trimmed(d, "model"),
        size(d.get("size")),
        text(d, "maj:min"),
        text(d, "fstype"),
        text(d, "label"),
        mounts,
        children);
  }

  private static boolean bool(JsonNode d, String field) {
    JsonNode v = d.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    String s = v.asText().trim();
    return s.equals("1") || s.equalsIgnoreCase("true");
  }

  private static long size(JsonNode v) {
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.isNumber()) {
      return v.longValue();
    }
    try {
      return Long.parseLong(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lsblk size \"" + v.asText() + "\" is not a byte count; run lsblk with -b");
    }
  }

  private static String text(JsonNode d, String field) {
    JsonNode v = d.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Vendors and models come space-padded from SCSI inquiry data. */
  private static String trimmed(JsonNode d, String field) {
    String s = text(d, field);
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
