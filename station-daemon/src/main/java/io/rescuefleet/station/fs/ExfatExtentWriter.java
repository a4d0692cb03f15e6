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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Writes a new file of an unmounted exFAT volume in place, at the device's own speed: a FUSE driver
 * moves at most a cluster per request, a fraction of what a stick takes. The file gets one contiguous
 * run of free clusters and a directory entry set of its own making, in this order:
 *
 * <ol>
 *   <li>the data, with O_DIRECT, into clusters the bitmap still calls free (an interruption leaves
 *       nothing any entry points at), and the allocation bitmap (an interruption may leave clusters
 *       marked used that no file owns: space lost until fsck, never two owners), flushed together;
 *   <li>the entry set (File, Stream Extension with the clusters and lengths, File Name entries) into free
 *       slots of the parent directory within one 512-byte sector, in one write, flushed: a hole left by
 *       deleted entries, or the end of the directory. When the set would cross a sector there, the slots
 *       up to the next sector are first marked deleted (and flushed): every reader skips those, and
 *       exfat-fuse 1.3.0 reads on past the end marker, so nothing may be written behind it before the set
 *       is whole.
 * </ol>
 *
 * So an interruption leaves the file absent or whole. Volumes and files this does not handle (two FATs,
 * clusters or heap not 4 KiB aligned, no readable up-case table, a path that exists already or whose
 * directory does not, a name over 210 characters (a set larger than a sector), no free run of clusters
 * long enough, a directory without room for the set) get an empty {@link #reserve}, and the caller
 * writes through the driver.
 */
public final class ExfatExtentWriter implements AutoCloseable {
  /** Writes of this size keep a USB stick's (and the loop driver's) queue busy. */
  static final int CHUNK = 8 << 20;
  /** Writes outstanding at once while a file is filled. */
  static final int WRITES_IN_FLIGHT = 2;
  private static final int ENTRY = 32;
  /** What a device writes atomically: one logical sector. */
  private static final int SECTOR = 512;
  private static final int ENTRIES_PER_SECTOR = SECTOR / ENTRY;
  private static final int NAME_CHARS_PER_ENTRY = 15;
  private static final int MAX_NAME = 255;
  private static final int TYPE_END = 0x00;
  /** A File entry with InUse cleared: what marks a slot deleted. */
  private static final int TYPE_DELETED_FILE = 0x05;
  private static final int TYPE_FILE = 0x85;
  private static final int TYPE_STREAM = 0xC0;
  private static final int TYPE_NAME = 0xC1;
  private static final int IN_USE = 0x80;
  private static final int ATTRIBUTE_ARCHIVE = 0x20;
  private static final int STREAM_FLAGS_ALLOCATION_POSSIBLE = 0x01;
  private static final int STREAM_FLAGS_NO_FAT_CHAIN = 0x02;

  private final ExfatVolume volume;
  private final RawDevice device;
  private final ExfatVolume.AllocationBitmap bitmap;
  private final char[] upcase;
  private final List<ByteBuffer> buffers = new ArrayList<>();
  private ExecutorService writers;

  private ExfatExtentWriter(ExfatVolume volume, RawDevice device, ExfatVolume.AllocationBitmap bitmap, char[] upcase) {
    this.volume = volume;
    this.device = device;
    this.bitmap = bitmap;
    this.upcase = upcase;
  }

  /** Opens {@code device} (an unmounted exFAT volume) for in-place writing, or empty if its layout is not one this handles. */
  public static Optional<ExfatExtentWriter> open(String device) {
    Optional<ExfatVolume> opened = ExfatVolume.open(device);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    ExfatVolume volume = opened.get();
    try {
      Optional<ExfatVolume.AllocationBitmap> bitmap = volume.allocationBitmap();
      Optional<char[]> upcase = volume.upcaseTable();
      boolean aligned = volume.clusterSize() % RawDevice.ALIGNMENT == 0
          && volume.clusterOffset(2) % RawDevice.ALIGNMENT == 0;
      if (bitmap.isEmpty() || upcase.isEmpty() || !aligned) {
        volume.close();
        return Optional.empty();
      }
      return Optional.of(new ExfatExtentWriter(volume, RawDevice.openForWrite(device), bitmap.get(), upcase.get()));
    } catch (RuntimeException e) {
      volume.close();
      throw e;
    }
  }

  /**
   * Where a new file's content and entries will go: {@code clusters} free clusters from {@code
   * firstCluster}, its entries (File, Stream Extension, names) at {@code entryOffsets} on the device, and
   * the end-of-directory slots before them to mark deleted first at {@code padding}.
   */
  public record Reservation(String path, String name, long[] entryOffsets, long[] padding, long firstCluster,
      long clusters, long size) {}

  /**
   * Finds room for a new file of {@code size} bytes at {@code path}: the first run of free clusters long
   * enough, and slots in its directory where its entry set becomes valid in one sector write. Empty when
   * something is at the path already (names compare case-insensitively), its directory is missing, or
   * there is no such room. Nothing is held: reserving again before {@link #commit} gives the same room.
   */
  public Optional<Reservation> reserve(String path, long size) {
    int slash = path.lastIndexOf('/');
    String parent = slash < 0 ? "" : path.substring(0, slash);
    String name = path.substring(slash + 1);
    if (size <= 0 || name.isEmpty() || name.length() > MAX_NAME || volume.exists(path)) {
      return Optional.empty();
    }
    Optional<ExfatVolume.Directory> directory = volume.directory(parent);
    if (directory.isEmpty()) {
      return Optional.empty();
    }
    int count = 2 + (name.length() + NAME_CHARS_PER_ENTRY - 1) / NAME_CHARS_PER_ENTRY;
    if (count > ENTRIES_PER_SECTOR) {
      return Optional.empty();
    }
    Optional<int[]> slots = slots(directory.get(), count);
    if (slots.isEmpty()) {
      return Optional.empty();
    }
    long needed = (size + volume.clusterSize() - 1) / volume.clusterSize();
    OptionalLong run = freeRun(needed);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    int padFrom = slots.get()[0];
    int first = slots.get()[1];
    return Optional.of(new Reservation(path, name, offsets(directory.get(), first, count),
        offsets(directory.get(), padFrom, first - padFrom), run.getAsLong() + 2, needed, size));
  }

  /** Where slots {@code from} to {@code from + count - 1} of {@code directory} lie on the device. */
  private static long[] offsets(ExfatVolume.Directory directory, int from, int count) {
    long[] offsets = new long[count];
    for (int k = 0; k < count; k++) {
      offsets[k] = directory.deviceOffset(from + k);
    }
    return offsets;
  }

  /**
   * Where a set of {@code count} entries goes, within one sector: {padding from, first slot}. A hole of
   * deleted entries (no padding), or else the end of the directory, from the end marker or, when the set
   * would cross a sector from there, from the next sector (the slots in between to be marked deleted).
   */
  private static Optional<int[]> slots(ExfatVolume.Directory dir, int count) {
    int total = dir.entryCount();
    int free = 0;
    for (int i = 0; i < total; i++) {
      int type = dir.type(i);
      if (type == TYPE_END) {
        int first = i % ENTRIES_PER_SECTOR + count <= ENTRIES_PER_SECTOR ? i
            : (i / ENTRIES_PER_SECTOR + 1) * ENTRIES_PER_SECTOR;
        return onlyEndMarkersFrom(dir, i) && first + count <= total ? Optional.of(new int[] {i, first})
            : Optional.empty();
      }
      free = (type & IN_USE) == 0 ? free + 1 : 0;
      int first = i - count + 1;
      if (free >= count && first / ENTRIES_PER_SECTOR == i / ENTRIES_PER_SECTOR) {
        return Optional.of(new int[] {first, first});
      }
    }
    return Optional.empty();
  }

  /** Whether every entry from {@code end} on is an end marker, as the specification has it (and exfat-fuse needs). */
  private static boolean onlyEndMarkersFrom(ExfatVolume.Directory dir, int end) {
    for (int i = end; i < dir.entryCount(); i++) {
      if (dir.type(i) != TYPE_END) {
        return false;
      }
    }
    return true;
  }

  /** Where the first run of {@code needed} free clusters starts (as bitmap index: cluster - 2). */
  private OptionalLong freeRun(long needed) {
    long runStart = -1;
    long runLength = 0;
    byte[] bits = bitmap.bits();
    for (long n = 0; n < volume.clusterCount(); n++) {
      if ((n & 7) == 0 && bits[(int) (n >>> 3)] == (byte) 0xFF) {
        runLength = 0;
        n += 7; // eight used clusters
        continue;
      }
      if (used(n)) {
        runLength = 0;
        continue;
      }
      if (runLength == 0) {
        runStart = n;
      }
      if (++runLength == needed) {
        return OptionalLong.of(runStart);
      }
    }
    return OptionalLong.empty();
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
    free.addAll(buffers());
    ExecutorService writers = writers();
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
      awaitQuietly(writes); // no write of this file may land after the caller moves on
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

  private static void awaitQuietly(List<Future<?>> writes) {
    for (Future<?> w : writes) {
      try {
        w.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        // the first failure is the caller's already
      }
    }
  }

  /**
   * The chunk buffers, made on the first fill and kept for the next: fresh direct memory costs page
   * faults and zeroing of every byte, per file as much as a tenth of its write.
   */
  private List<ByteBuffer> buffers() {
    if (buffers.isEmpty()) {
      for (int i = 0; i <= WRITES_IN_FLIGHT; i++) {
        buffers.add(RawDevice.allocate(CHUNK));
      }
    }
    return buffers;
  }

  private ExecutorService writers() {
    if (writers == null) {
      writers = Executors.newFixedThreadPool(WRITES_IN_FLIGHT, runnable -> {
        Thread t = new Thread(runnable, "rescuefleet-fill-writer");
        t.setDaemon(true);
        return t;
      });
    }
    return writers;
  }

  /**
   * Marks the reserved clusters used and flushes them with the data, then writes the file's entry set
   * (see the class comment for the order) and flushes it: the file never appears before its data.
   */
  public void commit(Reservation r) {
    markUsed(r.firstCluster() - 2, r.clusters());
    writeEntrySet(r, entrySet(r.name(), r.firstCluster(), r.size(), ZonedDateTime.now()));
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
    ByteBuffer block = volume.blocksForUpdate(start, (int) (end - start));
    for (long b = fromByte; b <= toByte; b++) {
      block.put((int) (bitmap.deviceOffset() + b - start), bits[(int) b]);
    }
    write(start, block);
    device.force();
  }

  /**
   * The entries of a new file named {@code name}: File (archive attribute, times {@code now} in local
   * time with its UTC offset, as drivers write them), Stream Extension (contiguous clusters from {@code
   * firstCluster}, every byte valid), File Name entries; the set checksum over all of them.
   */
  byte[] entrySet(String name, long firstCluster, long size, ZonedDateTime now) {
    int names = (name.length() + NAME_CHARS_PER_ENTRY - 1) / NAME_CHARS_PER_ENTRY;
    ByteBuffer b = ByteBuffer.allocate((2 + names) * ENTRY).order(ByteOrder.LITTLE_ENDIAN);
    int stamp = timestamp(now);
    int centiseconds = (now.getSecond() % 2) * 100 + now.getNano() / 10_000_000;
    int offset = IN_USE | ((now.getOffset().getTotalSeconds() / 900) & 0x7F);
    b.put(0, (byte) TYPE_FILE).put(1, (byte) (1 + names)).putShort(4, (short) ATTRIBUTE_ARCHIVE);
    b.putInt(8, stamp).putInt(12, stamp).putInt(16, stamp);
    b.put(20, (byte) centiseconds).put(21, (byte) centiseconds);
    b.put(22, (byte) offset).put(23, (byte) offset).put(24, (byte) offset);
    int s = ENTRY;
    b.put(s, (byte) TYPE_STREAM).put(s + 1, (byte) (STREAM_FLAGS_ALLOCATION_POSSIBLE | STREAM_FLAGS_NO_FAT_CHAIN));
    b.put(s + 3, (byte) name.length()).putShort(s + 4, nameHash(name));
    b.putLong(s + 8, size).putInt(s + 20, (int) firstCluster).putLong(s + 24, size);
    for (int k = 0; k < names; k++) {
      int e = (2 + k) * ENTRY;
      b.put(e, (byte) TYPE_NAME);
      for (int c = 0; c < NAME_CHARS_PER_ENTRY && k * NAME_CHARS_PER_ENTRY + c < name.length(); c++) {
        b.putChar(e + 2 + c * 2, name.charAt(k * NAME_CHARS_PER_ENTRY + c));
      }
    }
    byte[] set = b.array();
    b.putShort(2, checksum(set));
    return set;
  }

  /** exFAT's timestamp: year since 1980, month, day, hour, minute, and seconds halved, in 32 bits. */
  private static int timestamp(ZonedDateTime t) {
    return (t.getYear() - 1980) << 25 | t.getMonthValue() << 21 | t.getDayOfMonth() << 16 | t.getHour() << 11
        | t.getMinute() << 5 | t.getSecond() / 2;
  }

  /** exFAT's NameHash: over the up-cased name's UTF-16LE bytes. */
  short nameHash(String name) {
    int hash = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = upcase[name.charAt(i)];
      for (int x : new int[] {c & 0xff, c >>> 8}) {
        hash = (((hash & 1) != 0 ? 0x8000 : 0) + (hash >>> 1) + x) & 0xffff;
      }
    }
    return (short) hash;
  }

  /**
   * Writes {@code set} at the reserved slots, after marking the padding before them deleted (flushed:
   * the set must not land while an end marker hides it from the specification's readers).
   */
  private void writeEntrySet(Reservation r, byte[] set) {
    if (writePadding(r)) {
      device.force();
    }
    writeEntries(r.entryOffsets(), set);
    device.force();
  }

  /** The first step of {@link #writeEntrySet}, unflushed: false when there is no padding. */
  boolean writePadding(Reservation r) {
    if (r.padding().length == 0) {
      return false;
    }
    byte[] deleted = new byte[r.padding().length * ENTRY];
    for (int k = 0; k < r.padding().length; k++) {
      deleted[k * ENTRY] = (byte) TYPE_DELETED_FILE;
    }
    writeEntries(r.padding(), deleted);
    return true;
  }

  /** Writes entry k of {@code set} to {@code offsets[k]}, one read-modify-write per aligned block. */
  private void writeEntries(long[] offsets, byte[] set) {
    long block = -1;
    ByteBuffer buffer = null;
    for (int k = 0; k < offsets.length; k++) {
      long start = RawDevice.alignDown(offsets[k]);
      if (start != block) {
        if (buffer != null) {
          write(block, buffer);
        }
        buffer = volume.blocksForUpdate(start, RawDevice.ALIGNMENT);
        block = start;
      }
      buffer.put((int) (offsets[k] - start), set, k * ENTRY, ENTRY);
    }
    write(block, buffer);
  }

  /** Writes {@code block} (whole) at {@code offset}, and tells the volume's reader what is there now. */
  private void write(long offset, ByteBuffer block) {
    block.clear();
    device.writeFully(offset, block.duplicate());
    volume.written(offset, block);
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
    if (writers != null) {
      writers.shutdown(); // idle: every fill waited for its writes
    }
    try {
      device.close();
    } finally {
      volume.close();
    }
  }
}
