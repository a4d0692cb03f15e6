package io.rescuefleet.station.device;

/**
 * A loop device this run attached; closing detaches it. Never built for a loop device someone else
 * attached, so closing never detaches another user's device.
 */
public final class LoopDevice implements AutoCloseable {
  private final String path;
  private final String backing;
  private final LoopDevices owner;
  private boolean detached;

  LoopDevice(String path, String backing, LoopDevices owner) {
    this.path = path;
    this.backing = backing;
    this.owner = owner;
  }

  /** The loop device node, e.g. {@code /dev/loop3}. */
  public String path() {
    return path;
  }

  /** What it is backed by: an image file or a disk. */
  public String backing() {
    return backing;
  }

  @Override
  public synchronized void close() {
    if (!detached) {
      detached = true;
      owner.detach(path);
    }
  }
}
