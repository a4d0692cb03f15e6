package io.rescuefleet.station.wtg.registry;

import java.util.Optional;

/**
 * One value as hivexsh's {@code lsval} prints it ({@code "Name"="text"}, {@code "Name"=str(2):"text"},
 * {@code "Name"=dword:00000004}, {@code "Name"=hex(3):00,01}), and the same value in the form its
 * {@code setval} reads, so a key's values survive a {@code setval} that replaces them all.
 */
public record RegistryLine(String name, String printed) {
  private static final int REG_SZ = 1;
  private static final int REG_EXPAND_SZ = 2;

  /** The value as setval reads it, or empty for a form this does not know how to write back. */
  public Optional<String> setval() {
    if (printed.startsWith("\"")) {
      return Optional.of("string:" + unquote(printed));
    }
    if (printed.startsWith("dword:")) {
      return Optional.of("dword:0x" + printed.substring("dword:".length()));
    }
    if (printed.startsWith("hex(")) {
      int close = printed.indexOf("):");
      return close < 0 ? Optional.empty()
          : Optional.of("hex:" + printed.substring(4, close) + ":" + printed.substring(close + 2));
    }
    if (printed.startsWith("str(")) {
      int close = printed.indexOf("):");
      String type = close < 0 ? "" : printed.substring(4, close);
      String text = close < 0 ? "" : unquote(printed.substring(close + 2));
      if (type.equals(Integer.toString(REG_SZ))) {
        return Optional.of("string:" + text);
      }
      if (type.equals(Integer.toString(REG_EXPAND_SZ))) {
        return Optional.of("expandstring:" + text);
      }
    }
    return Optional.empty();
  }

  /** The text of a string value (REG_SZ or REG_EXPAND_SZ), if it is one. */
  public Optional<String> text() {
    if (printed.startsWith("\"")) {
      return Optional.of(unquote(printed));
    }
    int close = printed.indexOf("):");
    return printed.startsWith("str(") && close > 0 ? Optional.of(unquote(printed.substring(close + 2))) : Optional.empty();
  }

  /** Parses one line of lsval output; the unnamed default value is {@code @}. */
  static Optional<RegistryLine> parse(String line) {
    if (line.startsWith("@=")) {
      return Optional.of(new RegistryLine("@", line.substring(2)));
    }
    if (!line.startsWith("\"")) {
      return Optional.empty();
    }
    int end = line.indexOf("\"=", 1);
    while (end > 0 && line.charAt(end - 1) == '\\') {
      end = line.indexOf("\"=", end + 1);
    }
    return end < 0 ? Optional.empty() : Optional.of(new RegistryLine(unescape(line.substring(1, end)), line.substring(end + 2)));
  }

  private static String unquote(String quoted) {
    String q = quoted.strip();
    return unescape(q.length() >= 2 && q.startsWith("\"") && q.endsWith("\"") ? q.substring(1, q.length() - 1) : q);
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }
}
