package io.rescuefleet.station.wtg.vhd;

/**
 * The cylinder/head/sector geometry a VHD footer records, computed from the disk size with the
 * algorithm of the VHD specification (appendix "CHS Calculation"), which every reader expects.
 */
public record VhdGeometry(int cylinders, int heads, int sectorsPerTrack) {
  private static final long MAX_SECTORS = 65535L * 16 * 255;

  public static VhdGeometry of(long sizeBytes) {
    long total = Math.min(sizeBytes / 512, MAX_SECTORS);
    long sectorsPerTrack;
    long heads;
    long cylinderTimesHeads;
    if (total >= 65535L * 16 * 63) {
      sectorsPerTrack = 255;
      heads = 16;
      cylinderTimesHeads = total / sectorsPerTrack;
    } else {
      sectorsPerTrack = 17;
      cylinderTimesHeads = total / sectorsPerTrack;
      heads = Math.max(4, (cylinderTimesHeads + 1023) / 1024);
      if (cylinderTimesHeads >= heads * 1024 || heads > 16) {
        sectorsPerTrack = 31;
        heads = 16;
        cylinderTimesHeads = total / sectorsPerTrack;
      }
      if (cylinderTimesHeads >= heads * 1024) {
        sectorsPerTrack = 63;
        heads = 16;
        cylinderTimesHeads = total / sectorsPerTrack;
      }
    }
    return new VhdGeometry((int) (cylinderTimesHeads / heads), (int) heads, (int) sectorsPerTrack);
  }
}
