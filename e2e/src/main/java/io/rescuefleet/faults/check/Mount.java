package io.rescuefleet.faults.check;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A read-only FUSE mount of one device on a private directory, for as long as a check reads it. */
final class Mount implements AutoCloseable {
  private final ProcessRunner runner;
  private final Path dir;

  private Mount(ProcessRunner runner, Path dir) {
    this.runner = runner;
    this.dir = dir;
  }

  /** Mounts {@code device} read-only with {@code driver} (mount.exfat-fuse or ntfs-3g). */
  static Mount of(ProcessRunner runner, String device, String driver) {
    Path dir;
    try {
      dir = Files.createTempDirectory("rescuefleet-check-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a mount point", e);
    }
    try {
      runner.run(Command.of(driver, "-o", "ro", device, dir.toString()));
    } catch (RuntimeException e) {
      dir.toFile().delete();
      throw e;
    }
    return new Mount(runner, dir);
  }

  Path dir() {
    return dir;
  }

  @Override
  public void close() {
    for (int attempt = 0; attempt < 25; attempt++) {
      if (runner.runAllowingFailure(Command.of("umount", dir.toString())).exitCode() == 0) {
        break;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    dir.toFile().delete();
  }
}
