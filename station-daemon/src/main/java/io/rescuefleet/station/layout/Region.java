package io.rescuefleet.station.layout;

/** A run of 512-byte sectors on a disk: where a partition is, or should be. */
public record Region(long startSector, long sectors) {
  public static final int SECTOR = 512;

  public Region {
    if (startSector < 0 || sectors < 0) {
      throw new IllegalArgumentException("negative region " + startSector + "+" + sectors);
    }
  }

  public long endSector() {
    return startSector + sectors;
  }

  public long offsetBytes() {
    return startSector * SECTOR;
  }

  public long sizeBytes() {
    return sectors * SECTOR;
  }

  public boolean contains(Region other) {
    return other.startSector >= startSector && other.endSector() <= endSector();
  }

  @Override
  public String toString() {
    return "sectors " + startSector + "+" + sectors;
  }
}
