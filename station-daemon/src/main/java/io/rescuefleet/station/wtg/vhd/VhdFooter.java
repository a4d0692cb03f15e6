package io.rescuefleet.station.wtg.vhd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The 512-byte footer that turns raw disk bytes into a fixed VHD (Microsoft's Virtual Hard Disk Image
 * Format Specification): cookie "conectix", features, version 1.0, data offset all ones (no dynamic
 * header), a timestamp in seconds since 2000-01-01 UTC, the creator, original and current size, a CHS
 * geometry, disk type 2 (fixed), a one's-complement checksum of the footer's other bytes, and a UUID.
 * Every integer is big endian. No tool on the station writes one, hence this class.
 */
public record VhdFooter(long size, VhdGeometry geometry, Instant created, UUID uniqueId, int diskType, int checksum) {
  public static final int LENGTH = 512;
  public static final int FIXED = 2;
  static final String COOKIE = "conectix";
  static final int FEATURES_RESERVED = 0x00000002;
  static final int VERSION = 0x00010000;
  static final long NO_DATA_OFFSET = 0xFFFFFFFFFFFFFFFFL;
  static final String CREATOR = "rfwt";
  static final int CREATOR_VERSION = 0x00010000;
  /** Creator host "Wi2k", as most tools write whatever they run on. */
  static final int CREATOR_HOST = 0x5769326B;
  static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");
  private static final int CHECKSUM_AT = 64;

  /** The footer of a fixed VHD whose raw part has {@code size} bytes. */
  public static VhdFooter fixed(long size, Instant created, UUID uniqueId) {
    if (size <= 0 || size % 512 != 0) {
      throw new IllegalArgumentException("a VHD's size must be a positive multiple of 512 bytes, not " + size);
    }
    VhdFooter draft = new VhdFooter(size, VhdGeometry.of(size), created, uniqueId, FIXED, 0);
    return new VhdFooter(size, draft.geometry, created, uniqueId, FIXED, checksum(draft.layout(0)));
  }

  public byte[] encode() {
    return layout(checksum);
  }

  private byte[] layout(int sum) {
    ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.BIG_ENDIAN);
    b.put(COOKIE.getBytes(StandardCharsets.US_ASCII));
    b.putInt(FEATURES_RESERVED);
    b.putInt(VERSION);
    b.putLong(NO_DATA_OFFSET);
    b.putInt((int) Duration.between(EPOCH, created).getSeconds());
    b.put(CREATOR.getBytes(StandardCharsets.US_ASCII));
    b.putInt(CREATOR_VERSION);
    b.putInt(CREATOR_HOST);
    b.putLong(size);
    b.putLong(size);
    b.putShort((short) geometry.cylinders()).put((byte) geometry.heads()).put((byte) geometry.sectorsPerTrack());
    b.putInt(diskType);
    b.putInt(sum);
    long msb = uniqueId.getMostSignificantBits();
    b.putLong(msb).putLong(uniqueId.getLeastSignificantBits());
    return b.array(); // saved state 0 and the 427 reserved bytes stay zero
  }

  /**
   * Reads a footer and checks what makes it a fixed VHD's.
   *
   * @throws IllegalArgumentException naming the first thing that is wrong
   */
  public static VhdFooter decode(byte[] footer) {
    if (footer.length != LENGTH) {
      throw new IllegalArgumentException("a VHD footer has 512 bytes, not " + footer.length);
    }
    ByteBuffer b = ByteBuffer.wrap(footer).order(ByteOrder.BIG_ENDIAN);
    String cookie = new String(footer, 0, 8, StandardCharsets.US_ASCII);
    if (!COOKIE.equals(cookie)) {
      throw new IllegalArgumentException("no VHD footer (cookie \"" + cookie.replaceAll("[^ -~]", "?") + "\")");
    }
    int stored = b.getInt(CHECKSUM_AT);
    int computed = checksum(footer);
    if (stored != computed) {
      throw new IllegalArgumentException(String.format("VHD footer checksum %08x, computed %08x", stored, computed));
    }
    if (b.getInt(12) != VERSION) {
      throw new IllegalArgumentException(String.format("VHD format version %08x is not 1.0", b.getInt(12)));
    }
    int type = b.getInt(60);
    if (type != FIXED || b.getLong(16) != NO_DATA_OFFSET) {
      throw new IllegalArgumentException("VHD disk type " + type + " is not fixed (2)");
    }
    long original = b.getLong(40);
    long current = b.getLong(48);
    if (original != current) {
      throw new IllegalArgumentException("VHD original size " + original + " differs from current size " + current);
    }
    VhdGeometry geometry = new VhdGeometry(Short.toUnsignedInt(b.getShort(56)), Byte.toUnsignedInt(b.get(58)),
        Byte.toUnsignedInt(b.get(59)));
    Instant created = EPOCH.plusSeconds(Integer.toUnsignedLong(b.getInt(24)));
    return new VhdFooter(current, geometry, created, new UUID(b.getLong(68), b.getLong(76)), type, stored);
  }

  /** One's complement of the sum of every byte but the checksum field's. */
  static int checksum(byte[] footer) {
    int sum = 0;
    for (int i = 0; i < footer.length; i++) {
      if (i < CHECKSUM_AT || i >= CHECKSUM_AT + 4) {
        sum += footer[i] & 0xFF;
      }
    }
    return ~sum;
  }
}
