package io.rescuefleet.station.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a /ventoy/ventoy.json found on a stick is, for inspect: unreadable (too large, not JSON, too
 * deep), not in Ventoy's format (a plugin of the wrong type), unsafe (a path leaving the data
 * partition, a NUL), or well-formed. Never trusted either way: apply rewrites it whenever its
 * SHA-256 is not the one it would write. Pure.
 */
public final class VentoyJsonCheck {
  /** Ventoy's plugins that hold lists, and those that hold objects (each also with _legacy, _uefi, ... suffixes). */
  private static final Set<String> LISTS = Set.of("control", "menu_alias", "menu_class", "auto_install", "persistence",
      "injection", "conf_replace", "image_list", "image_blacklist", "auto_memdisk", "dud", "menu_tip_list");
  private static final Set<String> OBJECTS = Set.of("theme", "password", "menu_tip");
  private static final Set<String> SUFFIXES = Set.of("_legacy", "_uefi", "_ia32", "_aa64", "_mips");
  private static final int MAX_DEPTH = 32;
  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private VentoyJsonCheck() {}

  /**
   * Why {@code content} cannot be shown as Ventoy settings, or empty when it can. {@code content} is
   * null when the file was too large to read.
   */
  public static Optional<String> problem(String content) {
    if (content == null) {
      return Optional.of("unreadable: larger than " + (VolumeProbe.MAX_VENTOY_JSON >> 20) + " MiB");
    }
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (Exception e) {
      String message = e.getMessage() == null ? "no detail" : e.getMessage().lines().findFirst().orElse("");
      return Optional.of("unreadable: not valid JSON (" + printable(message) + ")");
    }
    if (root == null || !root.isObject()) {
      return Optional.of("unreadable: not a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> plugin = it.next();
      String name = base(plugin.getKey());
      if (LISTS.contains(name) && !plugin.getValue().isArray()) {
        return Optional.of("not Ventoy's format: " + printable(plugin.getKey()) + " must be a list");
      }
      if (OBJECTS.contains(name) && !plugin.getValue().isObject()) {
        return Optional.of("not Ventoy's format: " + printable(plugin.getKey()) + " must be an object");
      }
    }
    return unsafe(root, "");
  }

  /** A value with a NUL, or a path (Ventoy's start with '/') that climbs out with '..'. */
  private static Optional<String> unsafe(JsonNode node, String at) {
    if (node.isTextual()) {
      String text = node.textValue();
      if (text.indexOf('\0') >= 0) {
        return Optional.of("unsafe: " + at + " holds a NUL");
      }
      if (text.startsWith("/") && (text.contains("/../") || text.endsWith("/..") || text.contains("\\"))) {
        return Optional.of("unsafe: " + at + ": path " + printable(text) + " leaves the data partition");
      }
      return Optional.empty();
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> p = unsafe(node.get(i), at + "[" + i + "]");
        if (p.isPresent()) {
          return p;
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Optional<String> p = unsafe(e.getValue(), (at.isEmpty() ? "" : at + ".") + printable(e.getKey()));
        if (p.isPresent()) {
          return p;
        }
      }
    }
    return Optional.empty();
  }

  private static String base(String key) {
    for (String suffix : SUFFIXES) {
      if (key.endsWith(suffix)) {
        return key.substring(0, key.length() - suffix.length());
      }
    }
    return key;
  }

  private static String printable(String text) {
    String p = text.replaceAll("\\p{Cntrl}", "?");
    return p.length() <= 80 ? p : p.substring(0, 77) + "...";
  }
}
