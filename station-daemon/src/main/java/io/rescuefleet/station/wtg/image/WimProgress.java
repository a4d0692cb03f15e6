package io.rescuefleet.station.wtg.image;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads wimlib-imagex's progress lines ("Extracting file data: 64 MiB of 512 MiB (12%) done") into
 * bytes done. wimlib prints them separated by carriage returns, in the unit it chose for the total.
 */
public final class WimProgress {
  private static final Pattern LINE = Pattern.compile(
      "Extracting file data: (\\d+(?:\\.\\d+)?) (bytes|KiB|MiB|GiB|TiB) of (\\d+(?:\\.\\d+)?) (bytes|KiB|MiB|GiB|TiB)");

  private WimProgress() {}

  /** Bytes of file data extracted according to the last progress line in {@code text}, if any. */
  public static OptionalLong lastDone(String text) {
    Matcher m = LINE.matcher(text);
    OptionalLong last = OptionalLong.empty();
    while (m.find()) {
      last = OptionalLong.of(bytes(m.group(1), m.group(2)));
    }
    return last;
  }

  static long bytes(String number, String unit) {
    int shift = switch (unit.toLowerCase(Locale.ROOT)) {
      case "kib" -> 10;
      case "mib" -> 20;
      case "gib" -> 30;
      case "tib" -> 40;
      default -> 0;
    };
    return (long) (Double.parseDouble(number) * (1L << shift));
  }
}
