package io.rescuefleet.station.wtg.registry;

import java.util.List;

/**
 * A registry value as hivexml exports it: its type ({@code string}, {@code binary}, {@code int32},
 * {@code string-list}, ...), and its content as text, bytes (binary values) or strings (lists).
 */
public record HiveValue(String type, String text, byte[] bytes, List<String> strings) {
  public HiveValue {
    strings = strings == null ? List.of() : List.copyOf(strings);
  }

  /** The strings of a list without the empty entries its double terminator leaves. */
  public List<String> listed() {
    return strings.stream().filter(s -> !s.isEmpty()).toList();
  }
}
