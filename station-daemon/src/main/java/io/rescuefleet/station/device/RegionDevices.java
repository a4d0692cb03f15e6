package io.rescuefleet.station.device;

import io.rescuefleet.station.layout.Region;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens a block device for one region of a disk (see {@link RegionDevice}). */
public final class RegionDevices {
  private final LoopDevices loops;

  public RegionDevices(LoopDevices loops) {
    this.loops = loops;
  }

  public RegionDevice open(String disk, Region region) {
    Optional<String> node = kernelPartition(disk, region);
    if (node.isPresent()) {
      return new RegionDevice(node.get(), region, null);
    }
    LoopDevice loop = loops.attach(disk, region.offsetBytes(), region.sizeBytes());
    return new RegionDevice(loop.path(), region, loop);
  }

  /** The kernel's partition node whose start and size (sysfs, in 512-byte sectors) are the region's. */
  static Optional<String> kernelPartition(String disk, Region region) {
    Path sysDisk;
    try {
      sysDisk = Path.of("/sys/class/block", Path.of(disk).toRealPath().getFileName().toString()).toRealPath();
    } catch (IOException e) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(sysDisk)) {
      for (Path child : children) {
        if (!Files.exists(child.resolve("partition"))) {
          continue;
        }
        long start = Long.parseLong(Files.readString(child.resolve("start")).strip());
        long size = Long.parseLong(Files.readString(child.resolve("size")).strip());
        Path node = Path.of("/dev", child.getFileName().toString());
        if (start == region.startSector() && size == region.sectors() && BlockDevices.isBlockDevice(node)) {
          return Optional.of(node.toString());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
