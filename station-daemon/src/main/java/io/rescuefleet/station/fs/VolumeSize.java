package io.rescuefleet.station.fs;

import io.rescuefleet.station.device.RawDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The size an exFAT or NTFS volume believes it has, from its boot sector. A filesystem is only kept
 * when this equals its partition: after a table was rewritten with other geometry, a filesystem that
 * still "fits" by signature may extend past its partition.
 */
public final class VolumeSize {
  private VolumeSize() {}

  /** Bytes the volume on {@code device} spans, when it is exFAT or NTFS. */
  public static OptionalLong read(String device) {
    ByteBuffer sector = RawDevice.allocate(RawDevice.ALIGNMENT);
    try (RawDevice raw = RawDevice.openForRead(device)) {
      raw.readFully(0, sector);
    }
    sector.flip().order(ByteOrder.LITTLE_ENDIAN);
    return parse(sector);
  }

  static OptionalLong parse(ByteBuffer boot) {
    byte[] name = new byte[8];
    boot.get(3, name);
    String oem = new String(name, StandardCharsets.US_ASCII);
    if ("EXFAT   ".equals(oem)) {
      long sectors = boot.getLong(72);
      int shift = boot.get(108);
      return shift < 9 || shift > 12 ? OptionalLong.empty() : OptionalLong.of(sectors << shift);
    }
    if ("NTFS    ".equals(oem)) {
      int bytesPerSector = Short.toUnsignedInt(boot.getShort(11));
      long sectors = boot.getLong(40);
      // NTFS counts all sectors but the last, which holds the backup boot sector.
      return bytesPerSector == 0 ? OptionalLong.empty() : OptionalLong.of((sectors + 1) * bytesPerSector);
    }
    return OptionalLong.empty();
  }
}
