package io.rescuefleet.station.fs;

import io.rescuefleet.station.device.RawDevice;
import io.rescuefleet.station.failure.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Fills an empty file of an unmounted exFAT volume in place, at the device's own speed: a FUSE driver
 * moves at most a cluster per request, a fraction of what a stick takes. The file (made, empty, by the
 * filesystem driver) gets one contiguous run of free clusters, written in this order:
 *
 * <ol>
 *   <li>the data, with O_DIRECT, into clusters the bitmap still calls free (an interruption leaves
 *       nothing any entry points at), and the allocation bitmap (an interruption may leave clusters
 *       marked used that no file owns: space lost until fsck, never two owners), flushed together;
 *   <li>the file's Stream Extension entry (first cluster, lengths, NoFatChain) and the set checksum,
 *       in one write within one sector, flushed.
 * </ol>
 *
 * Volumes and files this does not handle (two FATs, clusters or heap not 4 KiB aligned, no free run
 * long enough, a file that is not empty, File and Stream Extension entries in two sectors) get an empty
 * {@link #reserve}, and the caller writes through the driver as before.
 */
public final class ExfatExtentWriter implements AutoCloseable {
  /** Writes of this size keep a USB stick's (and the loop driver's) queue busy. */
  static final int CHUNK = 8 << 20;
  /** Writes outstanding at once while a file is filled. */
  static final int WRITES_IN_FLIGHT = 2;
  private static final int ENTRY = 32;
  /** What a device writes atomically: one logical sector. */
  private static final int SECTOR = 512;
  private static final int STREAM_FLAGS_ALLOCATION_POSSIBLE = 0x01;
  private static final int STREAM_FLAGS_NO_FAT_CHAIN = 0x02;

  private final ExfatVolume volume;
  private final RawDevice device;
  private final ExfatVolume.AllocationBitmap bitmap;

  private ExfatExtentWriter(ExfatVolume volume, RawDevice device, ExfatVolume.AllocationBitmap bitmap) {
    this.volume = volume;
    this.device = device;
    this.bitmap = bitmap;
  }

  /** Opens {@code device} (an unmounted exFAT volume) for in-place filling, or empty if its layout is not one this handles. */
  public static Optional<ExfatExtentWriter> open(String device) {
    Optional<ExfatVolume> opened = ExfatVolume.open(device);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    ExfatVolume volume = opened.get();
    try {
      Optional<ExfatVolume.AllocationBitmap> bitmap = volume.allocationBitmap();
      boolean aligned = volume.clusterSize() % RawDevice.ALIGNMENT == 0
          && volume.clusterOffset(2) % RawDevice.ALIGNMENT == 0;
      if (bitmap.isEmpty() || !aligned) {
        volume.close();
        return Optional.empty();
      }
      return Optional.of(new ExfatExtentWriter(volume, RawDevice.openForWrite(device), bitmap.get()));
    } catch (RuntimeException e) {
      volume.close();
      throw e;
    }
  }

  /** Where an empty file's content will go: {@code clusters} free clusters from {@code firstCluster}. */
  public record Reservation(String path, ExfatVolume.EntrySet entries, long firstCluster, long clusters, long size) {}

  /**
   * Finds room for {@code size} bytes for the empty file at {@code path}: the first run of free clusters
   * long enough. Empty when the file is missing or not empty, or no free run is long enough (a
   * fragmented volume: the driver will chain clusters instead).
   */
  public Optional<Reservation> reserve(String path, long size) {
    if (size <= 0) {
      return Optional.empty();
    }
    Optional<ExfatVolume.EntrySet> entries = volume.entrySet(path);
    if (entries.isEmpty() || entries.get().dataLength() != 0 || entries.get().firstCluster() != 0
        || entries.get().offsets().length < 3 || !oneSector(entries.get())) {
      return Optional.empty();
    }
    long needed = (size + volume.clusterSize() - 1) / volume.clusterSize();
    long runStart = -1;
    long runLength = 0;
    for (long n = 0; n < volume.clusterCount(); n++) {
      if (used(n)) {
        runLength = 0;
        continue;
      }
      if (runLength == 0) {
        runStart = n;
      }
      if (++runLength == needed) {
        return Optional.of(new Reservation(path, entries.get(), runStart + 2, needed, size));
      }
    }
    return Optional.empty();
  }

  /**
   * Writes {@code source} (exactly the reservation's size) into the reserved clusters, unflushed: {@link
   * #commit} flushes them with the bitmap.
   * The source is read while earlier chunks are written, and {@link #WRITES_IN_FLIGHT} writes are
   * outstanding at a time, so the device's queue never runs dry (a USB 3 stick, like the loop driver,
   * takes the next request while it finishes one).
   */
  public void fill(Reservation r, Path source, Cancellation cancellation, LongConsumer progress) {
    long at = volume.clusterOffset(r.firstCluster());
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(WRITES_IN_FLIGHT + 1);
    for (int i = 0; i <= WRITES_IN_FLIGHT; i++) {
      free.add(RawDevice.allocate(CHUNK));
    }
    ExecutorService writers = Executors.newFixedThreadPool(WRITES_IN_FLIGHT, runnable -> {
      Thread t = new Thread(runnable, "rescuefleet-fill-writer");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> writes = new ArrayList<>();
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
      if (in.size() != r.size()) {
        throw new IllegalStateException(source + " has " + in.size() + " bytes, expected " + r.size());
      }
      for (long done = 0; done < r.size(); ) {
        cancellation.check();
        failFast(writes);
        ByteBuffer chunk = take(free);
        int length = read(in, chunk, done, r.size());
        long offset = at + done;
        writes.add(writers.submit(() -> {
          try {
            device.writeFully(offset, chunk);
            progress.accept(length);
          } finally {
            free.add(chunk);
          }
        }));
        done += length;
      }
      awaitAll(writes);
      cancellation.check(); // a run cancelled during the last writes commits nothing
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    } finally {
      writers.shutdown();
      awaitQuietly(writers); // no write of this file may land after the caller moves on
    }
    // Not flushed here: commit's first flush covers the data and the bitmap together.
  }

  /**
   * Reads the chunk of {@code in} at {@code offset} into {@code buffer}, zero-padded to the device's
   * alignment (the tail of the last cluster; clusters are aligned), ready to be written.
   */
  private static int read(FileChannel in, ByteBuffer buffer, long offset, long size) throws IOException {
    int length = (int) Math.min(CHUNK, size - offset);
    buffer.clear().limit(length);
    while (buffer.hasRemaining()) {
      if (in.read(buffer, offset + buffer.position()) < 0) {
        throw new IOException("the source ended at " + (offset + buffer.position()) + " of " + size + " bytes");
      }
    }
    buffer.limit((int) RawDevice.alignUp(length));
    while (buffer.hasRemaining()) {
      buffer.put((byte) 0);
    }
    buffer.flip();
    return length;
  }

  private static ByteBuffer take(BlockingQueue<ByteBuffer> free) throws IOException {
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing", e);
    }
  }

  /** Rethrows the failure of a write that has already ended, so a dead stick stops the reading early. */
  private static void failFast(List<Future<?>> writes) {
    for (Future<?> w : writes) {
      if (w.isDone()) {
        result(w);
      }
    }
    writes.removeIf(Future::isDone);
  }

  private static void awaitAll(List<Future<?>> writes) {
    for (Future<?> w : writes) {
      result(w);
    }
  }

  private static void result(Future<?> write) {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
  }

  private static void awaitQuietly(ExecutorService writers) {
    try {
      writers.awaitTermination(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Marks the reserved clusters used and flushes them with the data, then points the file's entry at them
   * and flushes that: the entry never reaches the device before the data it points at.
   */
  public void commit(Reservation r) {
    markUsed(r.firstCluster() - 2, r.clusters());
    writeStreamEntry(r);
  }

  private boolean used(long n) {
    return (bitmap.bits()[(int) (n >>> 3)] & (1 << (n & 7))) != 0;
  }

  private void markUsed(long first, long count) {
    byte[] bits = bitmap.bits();
    for (long n = first; n < first + count; n++) {
      if (used(n)) {
        throw new IllegalStateException("cluster " + (n + 2) + " became used while reserved");
      }
      bits[(int) (n >>> 3)] |= (byte) (1 << (n & 7));
    }
    long fromByte = first >>> 3;
    long toByte = (first + count - 1) >>> 3;
    long start = RawDevice.alignDown(bitmap.deviceOffset() + fromByte);
    long end = RawDevice.alignUp(bitmap.deviceOffset() + toByte + 1);
    ByteBuffer block = RawDevice.allocate((int) (end - start));
    device.readFully(start, block);
    for (long b = fromByte; b <= toByte; b++) {
      block.put((int) (bitmap.deviceOffset() + b - start), bits[(int) b]);
    }
    block.clear();
    device.writeFully(start, block);
    device.force();
  }

  private void writeStreamEntry(Reservation r) {
    byte[] set = r.entries().bytes().clone();
    ByteBuffer b = ByteBuffer.wrap(set).order(ByteOrder.LITTLE_ENDIAN);
    int stream = ENTRY;
    b.put(stream + 1, (byte) (b.get(stream + 1) | STREAM_FLAGS_ALLOCATION_POSSIBLE | STREAM_FLAGS_NO_FAT_CHAIN));
    b.putLong(stream + 8, r.size()); // ValidDataLength: every byte was written
    b.putInt(stream + 20, (int) r.firstCluster());
    b.putLong(stream + 24, r.size()); // DataLength
    b.putShort(2, checksum(set));
    long[] offsets = r.entries().offsets();
    // The File entry carries the checksum, the Stream Extension the allocation; name entries are unchanged.
    // Both sit in one sector (reserve saw to it) and go in one write: the file is empty or whole, never an
    // entry set whose checksum fails, which the driver answers with I/O errors for the whole directory.
    long start = RawDevice.alignDown(offsets[0]);
    ByteBuffer block = RawDevice.allocate(RawDevice.ALIGNMENT);
    device.readFully(start, block);
    for (int k = 0; k < 2; k++) {
      block.put((int) (offsets[k] - start), set, k * ENTRY, ENTRY);
    }
    block.clear();
    device.writeFully(start, block);
    device.force();
  }

  /**
   * Whether the File and Stream Extension entries of {@code entries} share a 512-byte sector, the unit a
   * device writes whole or not at all; otherwise the driver writes the file.
   */
  static boolean oneSector(ExfatVolume.EntrySet entries) {
    long[] offsets = entries.offsets();
    return offsets[0] / SECTOR == offsets[1] / SECTOR;
  }

  /** exFAT's SetChecksum: over every byte of the set but the checksum field itself (bytes 2 and 3). */
  static short checksum(byte[] set) {
    int sum = 0;
    for (int i = 0; i < set.length; i++) {
      if (i == 2 || i == 3) {
        continue;
      }
      sum = (((sum & 1) != 0 ? 0x8000 : 0) + (sum >>> 1) + (set[i] & 0xff)) & 0xffff;
    }
    return (short) sum;
  }

  @Override
  public void close() {
    try {
      device.close();
    } finally {
      volume.close();
    }
  }
}
