package io.rescuefleet.station.wtg.image;

/**
 * One file or directory of a WIM image, as {@code wimlib-imagex dir --detailed} lists it: its path
 * from the image root ('/'-separated, starting with '/'), Windows attributes, and the size and SHA-1
 * of its unnamed data stream (the WIM's own content hash; null when it has none).
 */
public record WimFile(String path, int attributes, long size, String sha1) {
  public static final int DIRECTORY = 0x10;
  public static final int SPARSE = 0x200;
  public static final int REPARSE_POINT = 0x400;
  public static final int ENCRYPTED = 0x4000;

  public boolean directory() {
    return (attributes & DIRECTORY) != 0;
  }

  /** A plain file: not a directory, not a reparse point (symlink, junction, WOF), not encrypted. */
  public boolean regular() {
    return (attributes & (DIRECTORY | REPARSE_POINT | ENCRYPTED)) == 0;
  }
}
