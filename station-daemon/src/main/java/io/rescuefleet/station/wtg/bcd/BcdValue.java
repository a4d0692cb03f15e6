package io.rescuefleet.station.wtg.bcd;

import io.rescuefleet.station.wtg.registry.HiveValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The value of a BCD element, in the registry type BCD stores it as, rendered for hivexsh's
 * {@code setval}: strings and GUID references as REG_SZ, object lists as REG_MULTI_SZ, devices and
 * integers as REG_BINARY (integers as 8 bytes, little endian), object types as REG_DWORD.
 */
public sealed interface BcdValue {
  int REG_BINARY = 3;
  int REG_MULTI_SZ = 7;

  /** The value as hivexsh's setval reads it, e.g. {@code string:\Windows}. */
  String hivexsh();

  /** Whether a value read from a store (by hivexml) is this one. */
  boolean matches(HiveValue value);

  /** A string element (paths, descriptions, locales) or a reference to one object ({@code {guid}}). */
  record Text(String text) implements BcdValue {
    public Text {
      if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("BCD strings are one line: " + text);
      }
    }

    @Override
    public String hivexsh() {
      return "string:" + text;
    }


    @Override
    public boolean matches(HiveValue value) {
      return "string".equals(value.type()) && text.equals(value.text());
    }
  }

  /** A device element. */
  record Device(BcdDevice device) implements BcdValue {
    @Override
    public String hivexsh() {
      return hex(REG_BINARY, device.encode());
    }


    @Override
    public boolean matches(HiveValue value) {
      return value.bytes() != null && java.util.Arrays.equals(device.encode(), value.bytes());
    }
  }

  /** An integer element (timeouts, policies). */
  record Integer64(long value) implements BcdValue {
    @Override
    public String hivexsh() {
      return hex(REG_BINARY, bytes());
    }


    @Override
    public boolean matches(HiveValue stored) {
      return stored.bytes() != null && java.util.Arrays.equals(bytes(), stored.bytes());
    }

    private byte[] bytes() {
      return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }
  }

  /** A list of object references ({@code {guid}} strings), e.g. a display order. */
  record ObjectList(List<String> objects) implements BcdValue {
    public ObjectList {
      objects = List.copyOf(objects);
    }

    @Override
    public String hivexsh() {
      return hex(REG_MULTI_SZ, bytes());
    }


    @Override
    public boolean matches(HiveValue value) {
      return "string-list".equals(value.type()) && objects.equals(value.listed());
    }

    private byte[] bytes() {
      StringBuilder s = new StringBuilder();
      objects.forEach(o -> s.append(o).append('\0'));
      s.append('\0');
      return s.toString().getBytes(StandardCharsets.UTF_16LE);
    }
  }

  /** The object type in an object's Description key. */
  record Dword(long value) implements BcdValue {
    @Override
    public String hivexsh() {
      return String.format("dword:0x%08x", value);
    }


    @Override
    public boolean matches(HiveValue stored) {
      return "int32".equals(stored.type()) && stored.text() != null && Integer.parseInt(stored.text()) == (int) value;
    }
  }

  /** {@code hex:3:00,01}: hivexsh's form of a value of registry type {@code type}. */
  private static String hex(int type, byte[] bytes) {
    return "hex:" + type + ":" + HexFormat.ofDelimiter(",").formatHex(bytes);
  }
}
