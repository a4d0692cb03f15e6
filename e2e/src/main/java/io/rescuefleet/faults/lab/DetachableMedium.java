package io.rescuefleet.faults.lab;

import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stick's medium that can vanish under a writer: a kernel ext4 filesystem in a file of its own,
 * holding the stick's image. {@link #vanish} shuts that filesystem down (xfs_io's {@code shutdown -f},
 * the log flushed first), after which every read and write of the image fails with an I/O error, as
 * a USB stick pulled from its port does; {@link #reinsert} mounts it again, with what had reached it.
 */
public final class DetachableMedium implements AutoCloseable {
  private final ProcessRunner runner;
  private final LoopDevice loop;
  private final Path mountPoint;
  private boolean vanished;

  private DetachableMedium(ProcessRunner runner, LoopDevice loop, Path mountPoint) {
    this.runner = runner;
    this.loop = loop;
    this.mountPoint = mountPoint;
  }

  /** A fresh medium of {@code capacity} bytes (sparse) in {@code dir}, mounted. */
  public static DetachableMedium create(Path dir, long capacity, ProcessRunner runner) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("medium.ext4");
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(capacity);
      }
      runner.run(Command.of("mkfs.ext4", "-q", "-F", "-E", "nodiscard", file.toString()));
      LoopDevice loop = new LoopDevices(runner).attach(file.toString(), 0, 0);
      Path mount = Files.createDirectories(dir.resolve("mnt"));
      DetachableMedium medium = new DetachableMedium(runner, loop, mount);
      try {
        medium.mount();
      } catch (RuntimeException e) {
        loop.close();
        throw e;
      }
      return medium;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a medium in " + dir, e);
    }
  }

  /** Where a stick image on this medium lives. */
  public Path file(String name) {
    return mountPoint.resolve(name);
  }

  /** From now on every I/O to the images on this medium fails, as if the stick was pulled. */
  public void vanish() {
    runner.run(Command.of("xfs_io", "-x", "-c", "shutdown -f", mountPoint.toString()));
    vanished = true;
  }

  public boolean vanished() {
    return vanished;
  }

  /** Mounts the medium again (the journal replayed); every loop device over its images must be gone first. */
  public void reinsert() {
    if (vanished) {
      runner.run(Command.of("umount", mountPoint.toString()));
      mount();
      vanished = false;
    }
  }

  private void mount() {
    runner.run(Command.of("mount", "-t", "ext4", loop.path(), mountPoint.toString()));
  }

  @Override
  public void close() {
    try {
      runner.runAllowingFailure(Command.of("umount", mountPoint.toString()));
    } finally {
      loop.close();
    }
  }
}
