package io.rescuefleet.station.wtg.bcd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * A BCD device element value (types 0x11000001 "device" and 0x21000001 "osdevice") naming one
 * partition, in the 88-byte form bcdedit writes for {@code partition=X:}:
 *
 * <pre>
 * 0x00  16  additional options object (zero: none)
 * 0x10   4  device type: 6 = partition
 * 0x14   4  flags: 0
 * 0x18   4  length of the descriptor from 0x10: 0x48
 * 0x1C   4  reserved: 0
 * 0x20  16  the partition: GPT - its unique partition GUID; MBR - its byte offset on the disk (u64)
 * 0x30   4  disk type: 0 = hard disk
 * 0x34   4  partition style: 0 = GPT, 1 = MBR
 * 0x38  16  the disk: GPT - its disk GUID; MBR - its 32-bit disk signature
 * 0x48  16  reserved: 0
 * </pre>
 *
 * All integers little endian, GUIDs in Windows byte order. The Windows boot manager finds the
 * partition by these identities, wherever the disk is attached, which is what a stick needs.
 */
public record BcdDevice(Style style, UUID diskGuid, UUID partitionGuid, long mbrSignature, long partitionOffset) {
  public static final int LENGTH = 0x58;
  static final int TYPE_PARTITION = 6;
  static final int DESCRIPTOR_LENGTH = 0x48;

  /** How the disk is partitioned, with the numbers the device element uses. */
  public enum Style {
    GPT(0),
    MBR(1);

    private final int code;

    Style(int code) {
      this.code = code;
    }
  }

  public static BcdDevice gpt(UUID diskGuid, UUID partitionGuid) {
    return new BcdDevice(Style.GPT, diskGuid, partitionGuid, 0, 0);
  }

  public static BcdDevice mbr(long diskSignature, long partitionOffsetBytes) {
    return new BcdDevice(Style.MBR, null, null, diskSignature & 0xFFFFFFFFL, partitionOffsetBytes);
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    b.position(0x10);
    b.putInt(TYPE_PARTITION).putInt(0).putInt(DESCRIPTOR_LENGTH).putInt(0);
    if (style == Style.GPT) {
      b.put(WindowsGuid.toBytes(partitionGuid));
    } else {
      b.putLong(partitionOffset).putLong(0);
    }
    b.putInt(0).putInt(style.code);
    if (style == Style.GPT) {
      b.put(WindowsGuid.toBytes(diskGuid));
    } else {
      b.putInt((int) mbrSignature);
    }
    return b.array();
  }

  /** @throws IllegalArgumentException when the value is not a partition device element */
  public static BcdDevice decode(byte[] value) {
    if (value.length != LENGTH) {
      throw new IllegalArgumentException("a partition device element has " + LENGTH + " bytes, not " + value.length);
    }
    ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0x10) != TYPE_PARTITION || b.getInt(0x18) != DESCRIPTOR_LENGTH) {
      throw new IllegalArgumentException("device type " + b.getInt(0x10) + " is not a partition");
    }
    int style = b.getInt(0x34);
    if (style == Style.GPT.code) {
      return gpt(WindowsGuid.fromBytes(value, 0x38), WindowsGuid.fromBytes(value, 0x20));
    }
    if (style == Style.MBR.code) {
      return mbr(Integer.toUnsignedLong(b.getInt(0x38)), b.getLong(0x20));
    }
    throw new IllegalArgumentException("partition style " + style + " is neither GPT nor MBR");
  }

  @Override
  public String toString() {
    return style == Style.GPT
        ? "partition " + partitionGuid + " on GPT disk " + diskGuid
        : String.format("partition at byte %d on MBR disk %08x", partitionOffset, mbrSignature);
  }
}
