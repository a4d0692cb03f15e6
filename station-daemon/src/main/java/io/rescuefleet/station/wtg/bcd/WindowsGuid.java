package io.rescuefleet.station.wtg.bcd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * GUIDs as Windows stores them in binary structures (and GPT on disk): the first three fields little
 * endian, the last eight bytes as written.
 */
public final class WindowsGuid {
  private WindowsGuid() {}

  public static byte[] toBytes(UUID uuid) {
    ByteBuffer b = ByteBuffer.allocate(16);
    long msb = uuid.getMostSignificantBits();
    b.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
    b.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits());
    return b.array();
  }

  public static UUID fromBytes(byte[] bytes, int offset) {
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, 16).order(ByteOrder.LITTLE_ENDIAN);
    long data1 = Integer.toUnsignedLong(b.getInt());
    long data2 = Short.toUnsignedLong(b.getShort());
    long data3 = Short.toUnsignedLong(b.getShort());
    long lsb = b.order(ByteOrder.BIG_ENDIAN).getLong();
    return new UUID(data1 << 32 | data2 << 16 | data3, lsb);
  }

  /** The braced lower-case form BCD uses for object names: {@code {9dea862c-5cdd-4e70-acc1-f32b344d4795}}. */
  public static String braced(UUID uuid) {
    return "{" + uuid + "}";
  }
}
