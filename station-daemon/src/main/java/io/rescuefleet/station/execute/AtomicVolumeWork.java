package io.rescuefleet.station.execute;

import io.rescuefleet.station.fs.StickPaths;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.observe.VolumeProbe;
import io.rescuefleet.station.session.StickSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * File changes on a mounted data partition, each one atomic for whoever pulls the stick mid-way: the
 * content goes to {@code .rescuefleet/staging/}, is fsynced, renamed over its place, and both
 * directories are fsynced. Large sequential writes keep a FUSE driver's per-request overhead low; large
 * files on an exFAT volume only FUSE mounts are filled in place instead ({@link InPlaceExfatCopy}).
 */
public final class AtomicVolumeWork implements VolumeWork {
  private final InPlaceExfatCopy inPlace = new InPlaceExfatCopy();
  /** Large writes: a FUSE driver handles them as few big requests. */
  static final int WRITE_BUFFER = 8 << 20;
  /** Room kept free beyond a file's size, for clusters and directory entries. */
  static final long SLACK = 1L << 20;

  @Override
  public void cleanStaging(Path root) {
    Path staging = root.resolve(VolumeProbe.STAGING_DIR);
    if (!Files.isDirectory(staging)) {
      return;
    }
    try (Stream<Path> leftovers = Files.list(staging)) {
      for (Path p : leftovers.toList()) {
        Files.deleteIfExists(p);
      }
      fsyncDirectory(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + VolumeProbe.STAGING_DIR, e);
    }
  }

  @Override
  public void delete(Path root, String path) {
    Path file = StickPaths.resolve(root, path);
    try {
      if (Files.deleteIfExists(file)) {
        fsyncDirectory(file.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  @Override
  public void copyAll(StickSession session, List<Copy> batch, Cancellation cancellation, CopyEvents events) {
    Path root = session.writableRoot();
    long usable;
    try {
      usable = Files.getFileStore(root).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the free space of " + root, e);
    }
    long needed = 0;
    for (Copy copy : batch) {
      needed += copy.size() + SLACK;
      if (needed > usable) {
        // Said before anything is written, naming the first file that does not fit.
        throw new InsufficientSpaceException(copy.path() + " needs " + copy.size() + " bytes, the data partition has "
            + Math.max(0, usable - (needed - copy.size() - SLACK)) + " free after the files before it");
      }
    }
    List<Copy> large = batch.stream().filter(c -> inPlace.suits(session, c.size())).toList();
    try (InPlaceExfatCopy.Prepared prepared = inPlace.prepare(session, large, events::claiming)) {
      for (int i = 0; i < batch.size(); i++) {
        Copy copy = batch.get(i);
        int index = i;
        LongConsumer progress = n -> events.progress(index, n);
        if (!prepared.fill(session, copy, cancellation, progress)) {
          copyThroughDriver(session.writableRoot(), copy, cancellation, progress);
        }
        events.placed(i);
      }
    }
  }

  /** Stages {@code copy} through the mounted filesystem and renames it into place. */
  private static void copyThroughDriver(Path root, Copy copy, Cancellation cancellation, LongConsumer progress) {
    Path target = StickPaths.resolve(root, copy.path());
    Path staged = stagingFile(root, target);
    try {
      stream(copy.source(), staged, copy.size(), cancellation, progress);
      place(staged, target);
    } catch (IOException e) {
      deleteQuietly(staged);
      throw new UncheckedIOException("cannot write " + copy.path(), e);
    } catch (RuntimeException e) {
      deleteQuietly(staged);
      throw e;
    }
  }

  /** Writes {@code source} to {@code staged} through the mounted filesystem and flushes it. */
  private static void stream(Path source, Path staged, long size, Cancellation cancellation, LongConsumer progress)
      throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
         FileChannel out = FileChannel.open(staged, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
             StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
      long copied = 0;
      boolean end = false;
      while (!end) {
        cancellation.check();
        while (buffer.hasRemaining()) {
          if (in.read(buffer) < 0) {
            end = true;
            break;
          }
        }
        buffer.flip();
        int n = buffer.remaining();
        while (buffer.hasRemaining()) {
          copied += out.write(buffer);
        }
        // Each chunk reaches the stick before it counts: otherwise the page cache takes the whole image
        // at memory speed, progress and throughput samples say nothing of the stick (a slow one looks
        // fast until a final fsync that no cancellation can interrupt).
        out.force(false);
        progress.accept(n);
        buffer.clear();
      }
      if (copied != size) {
        throw new IllegalStateException(source + " has " + copied + " bytes, expected " + size);
      }
      out.force(true);
    }
  }

  @Override
  public void writeAtomically(Path root, String path, byte[] content) {
    Path target = StickPaths.resolve(root, path);
    Path staged = stagingFile(root, target);
    try {
      try (FileChannel out = FileChannel.open(staged, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      place(staged, target);
    } catch (IOException e) {
      deleteQuietly(staged);
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  private static Path stagingFile(Path root, Path target) {
    Path staging = root.resolve(VolumeProbe.STAGING_DIR);
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + VolumeProbe.STAGING_DIR, e);
    }
    return staging.resolve(target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".part");
  }

  /** Renames the staged file over its target and makes both directory changes durable. */
  private static void place(Path staged, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(target.getParent());
    fsyncDirectory(staged.getParent());
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the next run cleans the staging directory
    }
  }
}
