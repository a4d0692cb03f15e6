package io.rescuefleet.station.cli;

import io.rescuefleet.station.failure.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes such as {@code 512M}, {@code 4GiB}, {@code 8GB} or a plain byte count. */
final class SizeParser {
  private static final Pattern SIZE = Pattern.compile("^(\\d+)\\s*([KMGT]?)(I?B?)$");

  private SizeParser() {}

  /** K, M, G, T and KiB ... TiB are powers of 1024; KB ... TB are powers of 1000. */
  static long parse(String text) {
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidInputException("--size " + text + ": expected bytes or a number with K, M, G or T (e.g. 512M, 4GiB)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2);
    boolean decimal = m.group(3).equals("B");
    long base = decimal ? 1000 : 1024;
    int power = unit.isEmpty() ? 0 : "KMGT".indexOf(unit) + 1;
    long bytes = n;
    for (int i = 0; i < power; i++) {
      bytes = Math.multiplyExact(bytes, base);
    }
    return bytes;
  }
}
