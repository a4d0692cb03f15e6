package io.rescuefleet.station.device;

import io.rescuefleet.station.layout.Region;

/**
 * A block device exposing exactly one region of a disk: the kernel's partition node when it matches,
 * or a loop device at the region's offset (loop devices may get no partition nodes, and a wiped table
 * has none). Closing detaches the loop device if one was attached.
 */
public final class RegionDevice implements AutoCloseable {
  private final String path;
  private final Region region;
  private final LoopDevice loop;

  RegionDevice(String path, Region region, LoopDevice loop) {
    this.path = path;
    this.region = region;
    this.loop = loop;
  }

  public String path() {
    return path;
  }

  public Region region() {
    return region;
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.close();
    }
  }
}
