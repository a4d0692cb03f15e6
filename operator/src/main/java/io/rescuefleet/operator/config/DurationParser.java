package io.rescuefleet.operator.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them on a command line: {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT1S}. */
public final class DurationParser {
  private static final Pattern SIMPLE = Pattern.compile("^(\\d+(?:\\.\\d+)?)(ms|s|m|h)$");

  private DurationParser() {}

  public static Duration parse(String text) {
    String value = text == null ? "" : text.trim();
    Matcher m = SIMPLE.matcher(value);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double millis = switch (m.group(2)) {
        case "ms" -> amount;
        case "s" -> amount * 1000;
        case "m" -> amount * 60_000;
        default -> amount * 3_600_000;
      };
      return Duration.ofMillis(Math.round(millis));
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected a duration like 500ms, 1s, 2m, 1h or PT1S, got \"" + value + "\"");
    }
  }
}
