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
 * does not, so kernel mounts keep the ordinary path. In one mount for the whole batch the driver
 * removes what the files replace and makes their directories; then each file gets its content and,
 * in one sector write, its directory entries, so an interruption leaves it absent or whole.
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
   * Makes room for the files of {@code copies} through the mounted driver: what is at their paths now is
   * removed (no manifest lists it any more: the plan retracted it) and their directories are made, all
   * flushed. {@code claim} is told the paths first, to make them RescueFleet's on the stick before
   * anything changes under them.
   */
  Prepared prepare(StickSession session, List<Copy> copies, Consumer<List<String>> claim) {
    Set<String> prepared = new LinkedHashSet<>();
    if (copies.isEmpty()) {
      return new Prepared(prepared);
    }
    claim.accept(copies.stream().map(Copy::path).toList());
    Path root = session.writableRoot();
    try {
      Set<Path> directories = new LinkedHashSet<>();
      for (Copy copy : copies) {
        Path file = StickPaths.resolve(root, copy.path());
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        directories.add(file.getParent());
        prepared.add(copy.path());
      }
      // One flush for the batch: the driver syncs the whole volume on any of them (and unmounting, before
      // the first fill, flushes all again); the claim written before made these paths RescueFleet's.
      for (Path directory : directories) {
        AtomicVolumeWork.fsyncDirectory(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + copies.size() + " files on " + session.disk(), e);
    }
    return new Prepared(prepared);
  }

  /** The paths of one batch made ready for writing in place, and the writer while the volume is unmounted. */
  static final class Prepared implements AutoCloseable {
    private final Set<String> prepared;
    private ExfatExtentWriter writer;
    private boolean unusable;

    private Prepared(Set<String> prepared) {
      this.prepared = prepared;
    }

    /**
     * Writes {@code copy} in place as a new file; false (nothing written) when its path was not prepared
     * or the volume has no room for it that this writer handles, and the caller copies through the driver.
     */
    boolean fill(StickSession session, Copy copy, Cancellation cancellation, LongConsumer progress) {
      if (!prepared.contains(copy.path()) || unusable) {
        return false;
      }
      if (writer != null && session.isMounted()) {
        closeWriter(); // the driver had the volume in between: what the writer read of it may be stale
      }
      if (writer == null) {
        String device = session.quiesced();
        Optional<ExfatExtentWriter> opened = ExfatExtentWriter.open(device);
        if (opened.isEmpty()) {
          LOG.info("volume layout not written in place, writing through the driver device={}", device);
          unusable = true;
          return false;
        }
        writer = opened.get();
      }
      Optional<ExfatExtentWriter.Reservation> room = writer.reserve(copy.path(), copy.size());
      if (room.isEmpty()) {
        LOG.info("no room written in place, writing through the driver path={} bytes={}", copy.path(), copy.size());
        return false;
      }
      writer.fill(room.get(), copy.source(), cancellation, progress);
      writer.commit(room.get());
      prepared.remove(copy.path());
      LOG.debug("file written in place path={} bytes={} firstCluster={}", copy.path(), copy.size(),
          room.get().firstCluster());
      return true;
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
