package io.rescuefleet.station.execute;

import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.observe.VolumeProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * File changes on a mounted data partition, each one atomic for whoever pulls the stick mid-way: the
 * content goes to {@code .rescuefleet/staging/}, is fsynced, renamed over its place, and both
 * directories are fsynced. Large sequential writes keep a FUSE driver's per-request overhead low.
 */
public final class AtomicVolumeWork implements VolumeWork {
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
    Path file = root.resolve(path);
    try {
      if (Files.deleteIfExists(file)) {
        fsyncDirectory(file.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  @Override
  public long copy(Path root, String path, Path source, long size, Cancellation cancellation, LongConsumer progress) {
    Path target = root.resolve(path);
    Path staged = stagingFile(root, target);
    try {
      long usable = Files.getFileStore(root).getUsableSpace();
      if (size + SLACK > usable) {
        throw new InsufficientSpaceException(path + " needs " + size + " bytes, the data partition has " + usable + " free");
      }
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
          progress.accept(n);
          buffer.clear();
        }
        if (copied != size) {
          throw new IllegalStateException(source + " has " + copied + " bytes, expected " + size);
        }
        out.force(true);
      }
      place(staged, target);
      return Files.getLastModifiedTime(target).toMillis();
    } catch (IOException e) {
      deleteQuietly(staged);
      throw new UncheckedIOException("cannot write " + path, e);
    } catch (RuntimeException e) {
      deleteQuietly(staged);
      throw e;
    }
  }

  @Override
  public void writeAtomically(Path root, String path, byte[] content) {
    Path target = root.resolve(path);
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
