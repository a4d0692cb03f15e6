package io.rescuefleet.api.wire;

/**
 * Text as a station sends it, within what the operator accepts: a label (vendor, model) is one
 * printable line, a message keeps its lines but loses other control characters; both are clipped.
 * A USB stick chooses its own vendor and model strings, and a tool its error output.
 */
public final class WireText {
  /** Longest vendor or model the operator accepts. */
  public static final int MAX_LABEL_CHARS = 256;

  private WireText() {}

  /** {@code value} as one printable line of at most {@code max} characters, or null. */
  public static String label(String value, int max) {
    if (value == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(Math.min(value.length(), max));
    value.codePoints().forEach(cp -> sb.appendCodePoint(control(cp) ? ' ' : cp));
    return clip(sb.toString().strip(), max);
  }

  /** {@code value} with newlines and tabs kept, other control characters dropped, clipped to the wire's limit. */
  public static String message(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(Math.min(value.length(), StationApi.MAX_MESSAGE_CHARS));
    value.codePoints().filter(cp -> !control(cp) || cp == '\n' || cp == '\t').forEach(sb::appendCodePoint);
    return clip(sb.toString(), StationApi.MAX_MESSAGE_CHARS);
  }

  private static String clip(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max - 3) + "...";
  }

  private static boolean control(int cp) {
    return cp < 0x20 || cp >= 0x7f && cp < 0xa0;
  }
}
