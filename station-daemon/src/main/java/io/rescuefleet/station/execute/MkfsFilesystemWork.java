package io.rescuefleet.station.execute;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;

/** Formats with mkfs.exfat, mkntfs and mkfs.vfat; relabels with exfatlabel and ntfslabel. */
public final class MkfsFilesystemWork implements FilesystemWork {
  /** Ventoy uses 32 KiB clusters up to 32 GiB and 128 KiB above: fewer clusters, less metadata to write. */
  static final long LARGE_VOLUME = 32L << 30;

  private final ProcessRunner runner;

  public MkfsFilesystemWork(ProcessRunner runner) {
    this.runner = runner;
  }

  @Override
  public void formatData(String device, DataFilesystem filesystem, String label, long sizeBytes) {
    if (filesystem == DataFilesystem.NTFS) {
      runner.run(Command.of("mkntfs", "--quick", "--force", "--quiet", "--label", label, device));
    } else {
      String cluster = sizeBytes > LARGE_VOLUME ? "128K" : "32K";
      runner.run(Command.of("mkfs.exfat", "-L", label, "-c", cluster, device));
    }
  }

  @Override
  public void relabelData(String device, DataFilesystem filesystem, String label) {
    runner.run(filesystem == DataFilesystem.NTFS ? Command.of("ntfslabel", device, label)
        : Command.of("exfatlabel", device, label));
  }

  @Override
  public void formatEfi(String device) {
    // As Ventoy's installer does: FAT16, one sector per cluster, labelled VTOYEFI.
    runner.run(Command.of("mkfs.vfat", "-F", "16", "-n", "VTOYEFI", "-s", "1", device));
  }
}
