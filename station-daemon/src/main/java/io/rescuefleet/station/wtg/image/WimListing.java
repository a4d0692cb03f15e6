package io.rescuefleet.station.wtg.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads {@code wimlib-imagex dir WIM N --detailed} output entry by entry, without holding it: a real
 * install.wim lists about 100 000 files, some 90 MB of text. Only the unnamed data stream's hash and
 * size are kept; named streams and reparse data are skipped.
 */
public final class WimListing {
  private static final String PATH = "Full Path";
  private static final String ATTRIBUTES = "Attributes";
  private static final String HASH = "Hash";
  private static final String SIZE = "Uncompressed size";
  private static final String UNNAMED_STREAM = "Unnamed data stream:";
  private static final String ZERO_HASH = "0".repeat(40);

  private WimListing() {}

  /** Calls {@code each} for every entry, in listing order. */
  public static void read(BufferedReader in, Consumer<WimFile> each) throws IOException {
    Entry entry = null;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("\t")) {
        if (entry != null) {
          entry.inUnnamedStream = line.strip().equals(UNNAMED_STREAM);
        }
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (key.equals(PATH)) {
        if (entry != null) {
          each.accept(entry.toFile());
        }
        entry = new Entry(unquote(value));
      } else if (entry == null) {
        continue;
      } else if (key.equals(ATTRIBUTES)) {
        entry.attributes = (int) Long.parseLong(hex(value), 16);
      } else if (entry.inUnnamedStream && key.equals(HASH)) {
        String sha1 = hex(value).toLowerCase(Locale.ROOT);
        entry.sha1 = sha1.equals(ZERO_HASH) ? null : sha1;
      } else if (entry.inUnnamedStream && key.equals(SIZE)) {
        entry.size = Long.parseLong(value.substring(0, value.indexOf(' ') < 0 ? value.length() : value.indexOf(' ')));
      }
    }
    if (entry != null) {
      each.accept(entry.toFile());
    }
  }

  private static String unquote(String value) {
    int first = value.indexOf('"');
    int last = value.lastIndexOf('"');
    return first >= 0 && last > first ? value.substring(first + 1, last) : value;
  }

  private static String hex(String value) {
    return value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
  }

  /** The entry being read. */
  private static final class Entry {
    private final String path;
    private int attributes;
    private long size;
    private String sha1;
    private boolean inUnnamedStream;

    private Entry(String path) {
      this.path = path;
    }

    private WimFile toFile() {
      return new WimFile(path, attributes, size, sha1);
    }
  }
}
