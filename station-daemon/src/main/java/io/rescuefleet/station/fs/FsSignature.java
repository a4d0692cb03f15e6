package io.rescuefleet.station.fs;

/** What {@code blkid -p} finds on a region: filesystem type ("exfat", "ntfs", "vfat"), label, UUID. */
public record FsSignature(String type, String label, String uuid, String version) {

  public static FsSignature none() {
    return new FsSignature(null, null, null, null);
  }

  public boolean present() {
    return type != null;
  }

  public boolean is(String fsType) {
    return fsType.equals(type);
  }
}
