package io.rescuefleet.station.wtg.unattend;

import java.util.Locale;

/**
 * Turns a WtgProfile's {@code computerNamePattern} and a stick's serial into a Windows computer name:
 * at most 15 characters of letters, digits and '-', not only digits. When the name would be longer,
 * the serial gives up its leading characters: sticks of one batch share a serial's prefix and differ
 * at its end.
 */
public final class ComputerName {
  public static final String PLACEHOLDER = "{serial}";
  public static final int MAX = 15;
  /** Used for sticks that report no serial (image files, some card readers). */
  static final String NO_SERIAL = "NOSERIAL";

  private ComputerName() {}

  public static String render(String pattern, String serial) {
    String id = serial == null ? "" : serial.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9-]", "");
    if (id.isEmpty()) {
      id = NO_SERIAL;
    }
    String literal = pattern.replace(PLACEHOLDER, "");
    int slots = pattern.contains(PLACEHOLDER) ? (pattern.length() - literal.length()) / PLACEHOLDER.length() : 0;
    String name = pattern;
    if (slots > 0) {
      int room = Math.max(1, (MAX - literal.length()) / slots);
      String tail = id.length() > room ? id.substring(id.length() - room) : id;
      name = pattern.replace(PLACEHOLDER, tail);
    }
    name = name.replaceAll("[^A-Za-z0-9-]", "");
    if (name.length() > MAX) {
      name = name.substring(0, MAX);
    }
    name = name.replaceAll("^-+|-+$", "");
    if (name.isEmpty()) {
      name = "WTG";
    } else if (name.chars().allMatch(Character::isDigit)) {
      name = "W" + name.substring(Math.max(0, name.length() - (MAX - 1))); // Windows refuses all-digit names
    }
    return name;
  }
}
