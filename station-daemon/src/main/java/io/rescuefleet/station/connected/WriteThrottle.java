package io.rescuefleet.station.connected;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a block device write slowly, the way a worn or cheap stick does, with the kernel's blkio
 * throttle (cgroup v1, root group): every write reaching the device, buffered or direct, is held to
 * the rate. Only the image hub uses it, to simulate slow sticks in demos and tests.
 */
final class WriteThrottle {
  static final Path BLKIO_WRITE_BPS = Path.of("/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device");

  private WriteThrottle() {}

  /** Holds {@code device} to {@code bytesPerSecond}; 0 lifts the limit. */
  static void set(String device, long bytesPerSecond) {
    if (!Files.isWritable(BLKIO_WRITE_BPS)) {
      throw new IllegalStateException("cannot throttle " + device + ": " + BLKIO_WRITE_BPS
          + " is not available (needs the cgroup v1 blkio controller and root)");
    }
    try {
      Files.writeString(BLKIO_WRITE_BPS, majorMinor(device) + " " + bytesPerSecond + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot throttle " + device, e);
    }
  }

  /** {@code 7:3} for /dev/loop3, from the device node's rdev. */
  static String majorMinor(String device) {
    try {
      long rdev = ((Number) Files.getAttribute(Path.of(device), "unix:rdev")).longValue();
      long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
      long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
      return major + ":" + minor;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + device, e);
    }
  }
}
