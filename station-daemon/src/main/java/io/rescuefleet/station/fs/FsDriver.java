package io.rescuefleet.station.fs;

/** Which driver mounted a data partition; reported, since it decides how fast writes can be. */
public enum FsDriver {
  EXFAT_KERNEL("exfat (kernel)"),
  EXFAT_FUSE("exfat-fuse"),
  NTFS3_KERNEL("ntfs3 (kernel)"),
  NTFS_3G("ntfs-3g");

  private final String label;

  FsDriver(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
