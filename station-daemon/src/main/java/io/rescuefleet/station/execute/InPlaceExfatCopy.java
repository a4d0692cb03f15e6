package io.rescuefleet.station.execute;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.execute.VolumeWork.Copy;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.fs.ExfatExtentWriter;
import io.rescuefleet.station.fs.FsDriver;
import io.rescuefleet.station.fs.StickPaths;
import io.rescuefleet.station.session.StickSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Large copies to an exFAT volume that only a FUSE driver mounts (no kernel exfat, as on this
 * project's CI machines), filled in place on the unmounted device with {@link ExfatExtentWriter}:
 * exfat-fuse moves one cluster per request and tops out far below a USB 3 stick, the kernel driver
 * does not, so kernel mounts keep the ordinary path. The driver makes each file, empty, under its
 * name (in one mount for the whole batch); the file gets its content and then, in one sector write,
 * its clusters and length, so an interruption leaves it empty or whole.
 */
final class InPlaceExfatCopy {
  private static final Logger LOG = LoggerFactory.getLogger(InPlaceExfatCopy.class);
  /** Below this an unmount and a mount cost more than the driver's slower writes. */
  static final long MIN_SIZE = 8L << 20;

  /** Whether {@code size} bytes on this session's data volume are better written in place. */
  boolean suits(StickSession session, long size) {
    return size >= MIN_SIZE && session.filesystem() == DataFilesystem.exFAT
        && session.driver().filter(d -> d == FsDriver.EXFAT_FUSE).isPresent();
  }

  /**
   * Replaces each file of {@code copies} by an empty one, through the mounted driver, flushed. The
   * previous content is not listed by any manifest (the plan retracted it), and {@code claim} is told
   * the paths first, to make them RescueFleet's on the stick before anything appears under them.
   */
  Prepared prepare(StickSession session, List<Copy> copies, Consumer<List<String>> claim) {
    Set<String> empty = new LinkedHashSet<>();
    if (copies.isEmpty()) {
      return new Prepared(empty);
    }
    claim.accept(copies.stream().map(Copy::path).toList());
    Path root = session.writableRoot();
    try {
      Set<Path> directories = new LinkedHashSet<>();
      for (Copy copy : copies) {
        Path file = StickPaths.resolve(root, copy.path());
        Files.createDirectories(file.getParent());
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING).close();
        directories.add(file.getParent());
        empty.add(copy.path());
      }
      // One flush for the batch: the driver syncs the whole volume on any of them (and unmounting, before
      // the first fill, flushes all again); the claim written before made these paths RescueFleet's.
      for (Path directory : directories) {
        AtomicVolumeWork.fsyncDirectory(directory);
      }
    } catch (IOException e) {
      new Prepared(empty).abandon(session);
      throw new UncheckedIOException("cannot prepare " + copies.size() + " files on " + session.disk(), e);
    }
    return new Prepared(empty);
  }

  /** The empty files of one batch, and the writer filling them while the volume is unmounted. */
  static final class Prepared implements AutoCloseable {
    private final Set<String> empty;
    private ExfatExtentWriter writer;
    private boolean unusable;

    private Prepared(Set<String> empty) {
      this.empty = empty;
    }

    /**
     * Fills the prepared empty file of {@code copy} in place; false (nothing written) when it was not
     * prepared or the volume has no contiguous room for it, and the caller copies through the driver.
     */
    boolean fill(StickSession session, Copy copy, Cancellation cancellation, LongConsumer progress) {
      if (!empty.contains(copy.path()) || unusable) {
        return false;
      }
      if (writer != null && session.isMounted()) {
        closeWriter(); // the driver had the volume in between: what the writer read of it may be stale
      }
      if (writer == null) {
        String device = session.quiesced();
        Optional<ExfatExtentWriter> opened = ExfatExtentWriter.open(device);
        if (opened.isEmpty()) {
          LOG.info("volume layout not filled in place, writing through the driver device={}", device);
          unusable = true;
          return false;
        }
        writer = opened.get();
      }
      Optional<ExfatExtentWriter.Reservation> room = writer.reserve(copy.path(), copy.size());
      if (room.isEmpty()) {
        LOG.info("no contiguous room, writing through the driver path={} bytes={}", copy.path(), copy.size());
        return false;
      }
      writer.fill(room.get(), copy.source(), cancellation, progress);
      writer.commit(room.get());
      empty.remove(copy.path());
      LOG.debug("file filled in place path={} bytes={} firstCluster={}", copy.path(), copy.size(),
          room.get().firstCluster());
      return true;
    }

    /** After a failure: removes the empty files not filled yet, if the volume can still be mounted. */
    void abandon(StickSession session) {
      close();
      if (empty.isEmpty()) {
        return;
      }
      try {
        Path root = session.writableRoot();
        for (String path : empty) {
          Files.deleteIfExists(StickPaths.resolve(root, path));
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("empty files left for the next run to rewrite count={} error={}", empty.size(), e.getMessage());
      }
    }

    @Override
    public void close() {
      closeWriter();
    }

    private void closeWriter() {
      if (writer != null) {
        try {
          writer.close();
        } finally {
          writer = null;
        }
      }
    }
  }
}
