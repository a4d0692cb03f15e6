package io.rescuefleet.station.engine;

import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.wtg.WtgStatus;
import java.util.List;

/**
 * A stick as it is, for {@code inspect}: partitions with their filesystems, the Ventoy version (or
 * "not installed"), the files on the data partition (SHA-256 where verified, managed or not), the
 * ventoy.json in effect (its text only when it is well-formed and safe to show; {@code
 * ventoyJsonStatus} says what it is), Ventoy's user menu (ventoy_grub.cfg), the manifest, and the
 * Windows To Go systems found.
 */
public record Inspection(
    String device,
    long sizeBytes,
    String serial,
    String partitionStyle,
    List<PartitionView> partitions,
    String ventoyVersion,
    Boolean secureBoot,
    String filesystemDriver,
    List<FileView> files,
    String ventoyJson,
    String ventoyJsonStatus,
    String ventoyMenu,
    String manifestStatus,
    StickManifest manifest,
    VerifyReport verify,
    long freeBytes,
    long totalBytes,
    List<WtgStatus> windowsToGo) {

  public static final String NOT_INSTALLED = "not installed";

  public Inspection {
    partitions = List.copyOf(partitions);
    files = List.copyOf(files);
    windowsToGo = List.copyOf(windowsToGo);
  }

  /** One partition and what is on it. */
  public record PartitionView(int number, long start, long size, String type, String name, boolean bootable,
      String filesystem, String label) {}

  /**
   * One file of the data partition. {@code sha256} is known for files RescueFleet wrote and verified;
   * {@code state} is {@code verified}, {@code mismatch}, {@code modified} (changed since verified),
   * {@code unreadable}, {@code unmanaged}, {@code untrusted} (a ventoy.json that cannot be read as Ventoy's
   * settings), or {@code windows to go} for a Windows To Go VHD (see {@code windowsToGo}).
   */
  public record FileView(String path, long size, String mtime, String sha256, boolean managed, String state) {}
}
