package io.rescuefleet.station.layout;

import io.rescuefleet.api.v1alpha1.PartitionStyle;

/**
 * Where Ventoy's partitions go on a disk of a given size: the data partition from sector 2048, then
 * VTOYEFI (65536 sectors, 4 KiB aligned) at the end, before the reserved space and, with GPT, the 33
 * sectors of the backup table.
 */
public record DesiredLayout(PartitionStyle style, long diskSectors, Region data, Region efi, Region reserved) {
  /** Ventoy's data partition always starts here; Ventoy checks it to recognise its disks. */
  public static final long DATA_START = 2048;
  /** VTOYEFI is exactly 32 MiB; Ventoy checks this too. */
  public static final long EFI_SECTORS = 65536;
  /** The backup GPT (header and 128 entries) at the end of the disk. */
  public static final long GPT_BACKUP_SECTORS = 33;
  /** Smallest data partition worth making: a few small images and the manifest. */
  public static final long MIN_DATA_SECTORS = 32L * 2048;

  /**
   * Computes the layout as Ventoy's installer does.
   *
   * @throws DiskTooSmallException when the data partition would be smaller than {@link #MIN_DATA_SECTORS}
   */
  public static DesiredLayout compute(long diskSectors, PartitionStyle style, long reservedMiB) {
    long reserve = reservedMiB * 2048;
    long tail = style == PartitionStyle.GPT ? GPT_BACKUP_SECTORS : 0;
    long efiStart = (diskSectors - reserve - tail - EFI_SECTORS) / 8 * 8;
    if (efiStart - DATA_START < MIN_DATA_SECTORS) {
      throw new DiskTooSmallException(String.format(
          "the stick has %d MiB; a %s layout with %d MiB reserved needs at least %d MiB", diskSectors / 2048,
          style, reservedMiB, (DATA_START + MIN_DATA_SECTORS + EFI_SECTORS + reserve + tail) / 2048 + 1));
    }
    Region data = new Region(DATA_START, efiStart - DATA_START);
    Region efi = new Region(efiStart, EFI_SECTORS);
    Region reserved = new Region(efi.endSector(), diskSectors - tail - efi.endSector());
    return new DesiredLayout(style, diskSectors, data, efi, reserved);
  }
}
