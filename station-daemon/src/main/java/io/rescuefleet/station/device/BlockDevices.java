package io.rescuefleet.station.device;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about a block device and the few ioctls the engine needs, through blockdev and sysfs. */
public final class BlockDevices {
  private final ProcessRunner runner;

  public BlockDevices(ProcessRunner runner) {
    this.runner = runner;
  }

  public long sizeBytes(String device) {
    return Long.parseLong(runner.run(Command.of("blockdev", "--getsize64", device)).stdout().strip());
  }

  public int logicalSectorSize(String device) {
    return Integer.parseInt(runner.run(Command.of("blockdev", "--getss", device)).stdout().strip());
  }

  /**
   * Writes back and drops the device's buffer cache (BLKFLSBUF), so the next buffered read of it
   * comes from the medium. Used before reading through a filesystem driver that reads buffered.
   */
  public void dropCache(String device) {
    runner.run(Command.of("blockdev", "--flushbufs", device));
  }

  /**
   * Sectors of 512 bytes written to the device since boot (field 7 of {@code /sys/class/block/X/stat});
   * -1 when the kernel does not say. Counts what reached the device, filesystem metadata included.
   */
  public static long sectorsWritten(String device) {
    try {
      String name = Path.of(device).toRealPath().getFileName().toString();
      String[] fields = Files.readString(Path.of("/sys/class/block", name, "stat")).trim().split("\\s+");
      return Long.parseLong(fields[6]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** True when {@code path} is a block device node (not a regular file, not a directory). */
  public static boolean isBlockDevice(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      return (mode & 0170000) == 0060000;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
