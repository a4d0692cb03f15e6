package io.rescuefleet.station.verify;

/** How verification read a stick's bytes; every path avoids the page cache, each in its own way. */
public enum ReadPath {
  /** Nothing was read. */
  NONE("nothing read"),
  /** The file's clusters read with O_DIRECT from the partition device, the filesystem unmounted. */
  DEVICE_EXTENTS("device extents, O_DIRECT, filesystem unmounted"),
  /** Through the mounted filesystem with O_DIRECT, after dropping the device's buffer cache. */
  MOUNT_DIRECT("mounted filesystem, O_DIRECT, device cache dropped"),
  /** Through a freshly mounted filesystem after dropping the device's buffer cache (O_DIRECT refused). */
  MOUNT_FRESH("fresh mount, device cache dropped");

  private final String words;

  ReadPath(String words) {
    this.words = words;
  }

  /** The least direct of two paths, to report the weakest one a pass used. */
  public ReadPath weaker(ReadPath other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  @Override
  public String toString() {
    return words;
  }
}
