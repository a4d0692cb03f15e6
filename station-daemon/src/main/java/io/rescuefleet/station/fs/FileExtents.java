package io.rescuefleet.station.fs;

import java.util.List;

/**
 * Where a file's bytes lie on its volume's device: {@code size} bytes in runs of contiguous clusters;
 * bytes from {@code validLength} on read as zeros whatever the clusters hold (exFAT's ValidDataLength).
 */
public record FileExtents(long size, long validLength, List<Extent> extents) {
  public FileExtents {
    extents = List.copyOf(extents);
  }

  /** {@code length} bytes of the file from {@code fileOffset} are at {@code deviceOffset} on the volume's device. */
  public record Extent(long fileOffset, long deviceOffset, long length) {}
}
