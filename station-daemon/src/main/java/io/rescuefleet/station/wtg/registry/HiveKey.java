package io.rescuefleet.station.wtg.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One key of a registry hive as hivexml exports it: its values by name and its subkeys. */
public record HiveKey(String name, Map<String, HiveValue> values, List<HiveKey> children) {
  public HiveKey {
    values = Map.copyOf(values);
    children = List.copyOf(children);
  }

  /** The subkey named {@code child}, compared without case as the registry does. */
  public Optional<HiveKey> child(String child) {
    String wanted = child.toLowerCase(Locale.ROOT);
    return children.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
  }

  /** The key at a backslash-separated path below this one, e.g. {@code \Objects\{id}\Elements}. */
  public Optional<HiveKey> at(String path) {
    Optional<HiveKey> key = Optional.of(this);
    for (String part : path.split("\\\\")) {
      if (!part.isEmpty()) {
        key = key.flatMap(k -> k.child(part));
      }
    }
    return key;
  }

  public Optional<HiveValue> value(String valueName) {
    return Optional.ofNullable(values.get(valueName));
  }
}
