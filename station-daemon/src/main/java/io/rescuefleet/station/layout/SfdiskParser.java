package io.rescuefleet.station.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the output of {@code sfdisk -J DEVICE} into a {@link PartitionTable}. */
public final class SfdiskParser {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

  private SfdiskParser() {}

  /** @throws IllegalArgumentException when the text is not sfdisk's JSON */
  public static PartitionTable parse(String json) {
    JsonNode table;
    try {
      table = JSON.readTree(json).path("partitiontable");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("sfdisk -J printed something that is not JSON: " + e.getOriginalMessage(), e);
    }
    if (table.isMissingNode()) {
      throw new IllegalArgumentException("sfdisk -J output has no partitiontable object");
    }
    List<PartitionEntry> partitions = new ArrayList<>();
    int index = 0;
    for (JsonNode p : table.path("partitions")) {
      index++;
      partitions.add(new PartitionEntry(
          number(p.path("node").asText(""), index),
          p.path("start").asLong(),
          p.path("size").asLong(),
          text(p, "type"),
          text(p, "uuid"),
          text(p, "name"),
          p.path("bootable").asBoolean(false),
          text(p, "attrs")));
    }
    return new PartitionTable(table.path("label").asText(PartitionTable.NONE), text(table, "id"),
        table.path("sectorsize").asLong(512), partitions);
  }

  /** The partition number is the node's trailing digits ({@code /dev/sdb2}, {@code /dev/loop0p2}). */
  private static int number(String node, int fallback) {
    Matcher m = TRAILING_NUMBER.matcher(node);
    return m.find() ? Integer.parseInt(m.group(1)) : fallback;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
