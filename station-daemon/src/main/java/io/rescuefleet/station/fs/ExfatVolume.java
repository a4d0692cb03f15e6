package io.rescuefleet.station.fs;

import io.rescuefleet.station.device.RawDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only access to the metadata of an unmounted exFAT volume, enough to find where a file's
 * clusters lie, so verification can read them from the device with O_DIRECT (no filesystem driver, no
 * page cache). No tool prints exFAT file extents (FIBMAP does not work through exfat-fuse), hence this
 * small reader. It follows the published exFAT specification, never writes, and answers "unknown"
 * (empty) for anything it does not understand, so callers fall back to reading through the mount.
 * {@link ExfatExtentWriter} uses its geometry, allocation bitmap and entry locations.
 */
public final class ExfatVolume implements AutoCloseable {
  private static final int ENTRY = 32;
  private static final int TYPE_END = 0x00;
  private static final int TYPE_FILE = 0x85;
  private static final int TYPE_STREAM = 0xC0;
  private static final int TYPE_NAME = 0xC1;
  private static final int TYPE_BITMAP = 0x81;
  private static final int TYPE_UPCASE = 0x82;
  private static final int ATTR_DIRECTORY = 0x10;
  private static final int FLAG_NO_FAT_CHAIN = 0x02;
  /** VolumeFlags (boot sector offset 106): bit 0 ActiveFat, bit 1 VolumeDirty. */
  private static final int VOLUME_FLAG_ACTIVE_FAT = 0x0001;
  private static final int VOLUME_FLAG_DIRTY = 0x0002;
  private static final long FAT_END = 0xFFFFFFFFL;
  /** Directories RescueFleet reads are small; a larger one means a damaged entry. */
  private static final long MAX_DIRECTORY_BYTES = 64L << 20;

  private final RawDevice raw;
  private final long clusterSize;
  private final long fatOffset;
  private final long heapOffset;
  private final long clusterCount;
  private final long rootCluster;
  private final int numberOfFats;
  private final boolean dirty;
  private final Map<Long, ByteBuffer> fatPages = new HashMap<>();
  /**
   * The 4 KiB blocks of metadata (directories, bitmap, up-case table) read so far, by device offset: a
   * volume is read while nothing else has it mounted, so what was read stays true, and what {@link
   * ExfatExtentWriter} writes it records here.
   */
  private final Map<Long, byte[]> blocks = new HashMap<>();

  private ExfatVolume(RawDevice raw, ByteBuffer boot) {
    this.raw = raw;
    int bytesPerSector = 1 << boot.get(108);
    this.clusterSize = (long) bytesPerSector << boot.get(109);
    int volumeFlags = boot.getShort(106);
    int activeFat = (volumeFlags & VOLUME_FLAG_ACTIVE_FAT) != 0 && boot.get(110) == 2 ? 1 : 0;
    this.dirty = (volumeFlags & VOLUME_FLAG_DIRTY) != 0;
    this.fatOffset = (Integer.toUnsignedLong(boot.getInt(80)) + activeFat * Integer.toUnsignedLong(boot.getInt(84)))
        * bytesPerSector;
    this.heapOffset = Integer.toUnsignedLong(boot.getInt(88)) * bytesPerSector;
    this.clusterCount = Integer.toUnsignedLong(boot.getInt(92));
    this.rootCluster = Integer.toUnsignedLong(boot.getInt(96));
    this.numberOfFats = boot.get(110);
  }

  /**
   * Whether the VolumeDirty flag is set: a driver mounted the volume read-write and did not unmount it
   * cleanly (the stick was pulled, the driver died).
   */
  public boolean dirty() {
    return dirty;
  }

  /** Opens the volume on {@code device}, or empty when it holds no exFAT boot sector this reader accepts. */
  public static Optional<ExfatVolume> open(String device) {
    RawDevice raw = RawDevice.openForRead(device);
    try {
      ByteBuffer boot = RawDevice.allocate(RawDevice.ALIGNMENT);
      raw.readFully(0, boot);
      boot.flip().order(ByteOrder.LITTLE_ENDIAN);
      byte[] name = new byte[8];
      boot.get(3, name);
      int sectorShift = boot.get(108);
      int clusterShift = boot.get(109);
      boolean sane = "EXFAT   ".equals(new String(name, StandardCharsets.US_ASCII))
          && sectorShift >= 9 && sectorShift <= 12 && clusterShift >= 0 && sectorShift + clusterShift <= 25
          && (boot.get(510) & 0xff) == 0x55 && (boot.get(511) & 0xff) == 0xAA;
      if (!sane) {
        raw.close();
        return Optional.empty();
      }
      return Optional.of(new ExfatVolume(raw, boot));
    } catch (RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Whether anything, file or directory, is at {@code relativePath} (names compare case-insensitively). */
  public boolean exists(String relativePath) {
    return lookup(relativePath).isPresent();
  }

  /** Where the file at {@code relativePath} ('/'-separated, from the volume root) lies; empty if not found. */
  public Optional<FileExtents> extents(String relativePath) {
    return lookup(relativePath).filter(e -> !e.entry().directory()).map(e -> fileExtents(e.entry()));
  }

  /**
   * The directory entry set of the regular file at {@code relativePath}: where its entries lie on the
   * device and what they hold now; empty if there is no such file.
   */
  public Optional<EntrySet> entrySet(String relativePath) {
    return lookup(relativePath).filter(e -> !e.entry().directory()).map(e -> {
      long[] offsets = new long[e.count()];
      for (int k = 0; k < offsets.length; k++) {
        offsets[k] = deviceOffset(e.dirRuns(), (long) (e.index() + k) * ENTRY);
      }
      byte[] bytes = new byte[offsets.length * ENTRY];
      for (int k = 0; k < offsets.length; k++) {
        read(offsets[k], bytes, k * ENTRY, ENTRY);
      }
      DirEntry d = e.entry();
      return new EntrySet(offsets, bytes, d.firstCluster(), d.dataLength());
    });
  }

  /** Bytes per cluster. */
  public long clusterSize() {
    return clusterSize;
  }

  /** Number of clusters in the heap (clusters 2 .. count + 1). */
  public long clusterCount() {
    return clusterCount;
  }

  /** Where {@code cluster} starts on the volume's device. */
  public long clusterOffset(long cluster) {
    return heapOffset + (cluster - 2) * clusterSize;
  }

  /**
   * Where the allocation bitmap lies on the device and what it holds (bit n: cluster n + 2), or empty
   * for a volume with two FATs (TexFAT) or without exactly one bitmap, which this reader does not follow.
   */
  public Optional<AllocationBitmap> allocationBitmap() {
    if (numberOfFats != 1) {
      return Optional.empty();
    }
    List<ByteBuffer> bitmaps = rootEntries(TYPE_BITMAP);
    if (bitmaps.size() != 1) {
      return Optional.empty();
    }
    ByteBuffer e = bitmaps.get(0);
    long first = Integer.toUnsignedLong(e.getInt(20));
    long length = e.getLong(24);
    if (length < (clusterCount + 7) / 8 || length > MAX_DIRECTORY_BYTES || runs(first, false, length).size() != 1) {
      return Optional.empty();
    }
    byte[] bits = new byte[(int) ((clusterCount + 7) / 8)];
    read(clusterOffset(first), bits, 0, bits.length);
    return Optional.of(new AllocationBitmap(clusterOffset(first), bits));
  }

  /** The root directory's entries of {@code type}, before its end marker, each as a 32-byte buffer. */
  private List<ByteBuffer> rootEntries(int type) {
    byte[] root = readRuns(runs(rootCluster, false, -1), -1);
    List<ByteBuffer> found = new ArrayList<>();
    for (int i = 0; i < root.length / ENTRY; i++) {
      int t = root[i * ENTRY] & 0xff;
      if (t == TYPE_END) {
        break;
      }
      if (t == type) {
        found.add(ByteBuffer.wrap(root, i * ENTRY, ENTRY).slice().order(ByteOrder.LITTLE_ENDIAN));
      }
    }
    return found;
  }

  /**
   * A file's directory entries: {@code offsets[k]} is where entry k (0: the File entry, 1: its Stream
   * Extension, then names) lies on the device; {@code bytes} holds them as read.
   */
  public record EntrySet(long[] offsets, byte[] bytes, long firstCluster, long dataLength) {}

  /** The allocation bitmap at {@code deviceOffset}; {@code bits} covers exactly the heap's clusters. */
  public record AllocationBitmap(long deviceOffset, byte[] bits) {}

  /**
   * The directory at {@code relativePath} ("" for the root): its entries as read and where each lies on
   * the device; empty when there is no such directory.
   */
  public Optional<Directory> directory(String relativePath) {
    if (relativePath.isEmpty()) {
      List<long[]> runs = runs(rootCluster, false, -1);
      return Optional.of(new Directory(runs, readRuns(runs, -1)));
    }
    return lookup(relativePath).filter(e -> e.entry().directory() && e.entry().dataLength() <= MAX_DIRECTORY_BYTES)
        .map(e -> {
          List<long[]> runs = runs(e.entry().firstCluster(), e.entry().noFatChain(), e.entry().dataLength());
          return new Directory(runs, readRuns(runs, e.entry().dataLength()));
        });
  }

  /** A directory's 32-byte entries as read, and where each lies on the device. */
  public final class Directory {
    private final List<long[]> runs;
    private final byte[] bytes;

    private Directory(List<long[]> runs, byte[] bytes) {
      this.runs = runs;
      this.bytes = bytes;
    }

    /** How many entries the directory's clusters hold. */
    public int entryCount() {
      return bytes.length / ENTRY;
    }

    /** The EntryType byte of entry {@code index}: 0x00 ends the directory, below 0x80 is free (deleted). */
    public int type(int index) {
      return bytes[index * ENTRY] & 0xff;
    }

    /** Where entry {@code index} lies on the device. */
    public long deviceOffset(int index) {
      return ExfatVolume.this.deviceOffset(runs, (long) index * ENTRY);
    }
  }

  /**
   * The volume's up-case table, as a map from each UTF-16 code unit to its upper case (what name hashes
   * are computed over), or empty when the root holds no table whose checksum matches.
   */
  public Optional<char[]> upcaseTable() {
    List<ByteBuffer> tables = rootEntries(TYPE_UPCASE);
    if (tables.isEmpty()) {
      return Optional.empty();
    }
    ByteBuffer e = tables.get(0);
    long expected = Integer.toUnsignedLong(e.getInt(4));
    long first = Integer.toUnsignedLong(e.getInt(20));
    long length = e.getLong(24);
    if (length <= 0 || length > (1 << 17) + 4 || length % 2 != 0) {
      return Optional.empty();
    }
    byte[] table = readRuns(runs(first, false, length), length);
    long sum = 0;
    for (byte x : table) {
      sum = (((sum & 1) != 0 ? 0x80000000L : 0) + (sum >>> 1) + (x & 0xff)) & 0xffffffffL;
    }
    if (sum != expected) {
      return Optional.empty();
    }
    return Optional.of(upcase(ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN)));
  }

  /** Expands an up-case table: each code unit maps to the next value, except 0xFFFF n, which skips n identity mappings. */
  private static char[] upcase(ByteBuffer table) {
    char[] map = new char[1 << 16];
    for (int c = 0; c < map.length; c++) {
      map[c] = (char) c;
    }
    int next = 0;
    while (table.remaining() >= 2 && next < map.length) {
      char value = table.getChar();
      if (value == 0xFFFF && table.remaining() >= 2) {
        next += table.getChar();
      } else {
        map[next++] = value;
      }
    }
    return map;
  }

  /** A directory entry found by path, with where its set starts in its directory. */
  private record Located(DirEntry entry, List<long[]> dirRuns, int index, int count) {}

  private Optional<Located> lookup(String relativePath) {
    List<long[]> dirRuns = runs(rootCluster, false, -1);
    long dirLength = -1;
    String[] segments = relativePath.split("/");
    for (int i = 0; i < segments.length; i++) {
      Optional<Located> found = find(dirRuns, dirLength, segments[i]);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      DirEntry e = found.get().entry();
      if (i == segments.length - 1) {
        return found;
      }
      if (!e.directory() || e.dataLength() > MAX_DIRECTORY_BYTES) {
        return Optional.empty();
      }
      dirRuns = runs(e.firstCluster(), e.noFatChain(), e.dataLength());
      dirLength = e.dataLength();
    }
    return Optional.empty();
  }

  /** Where byte {@code at} of a directory made of {@code runs} lies on the device. */
  private long deviceOffset(List<long[]> runs, long at) {
    long skipped = 0;
    for (long[] run : runs) {
      long length = run[1] * clusterSize;
      if (at < skipped + length) {
        return clusterOffset(run[0]) + (at - skipped);
      }
      skipped += length;
    }
    throw new IllegalStateException("directory offset " + at + " is past its clusters");
  }

  private FileExtents fileExtents(DirEntry e) {
    List<FileExtents.Extent> extents = new ArrayList<>();
    long fileOffset = 0;
    if (e.dataLength() > 0) {
      for (long[] run : runs(e.firstCluster(), e.noFatChain(), e.dataLength())) {
        long length = Math.min(run[1] * clusterSize, e.dataLength() - fileOffset);
        extents.add(new FileExtents.Extent(fileOffset, clusterOffset(run[0]), length));
        fileOffset += length;
      }
    }
    if (fileOffset != e.dataLength()) {
      throw new IllegalStateException("cluster chain of " + e.name() + " covers " + fileOffset + " of " + e.dataLength() + " bytes");
    }
    return new FileExtents(e.dataLength(), e.validLength(), extents);
  }

  private Optional<Located> find(List<long[]> dirRuns, long dirLength, String name) {
    byte[] dir = readRuns(dirRuns, dirLength);
    ByteBuffer b = ByteBuffer.wrap(dir).order(ByteOrder.LITTLE_ENDIAN);
    int count = dir.length / ENTRY;
    Located caseInsensitive = null;
    for (int i = 0; i < count; i++) {
      int type = b.get(i * ENTRY) & 0xff;
      if (type == TYPE_END) {
        break;
      }
      if (type != TYPE_FILE) {
        continue;
      }
      int secondaries = b.get(i * ENTRY + 1) & 0xff;
      if (secondaries < 2 || i + secondaries >= count || (b.get((i + 1) * ENTRY) & 0xff) != TYPE_STREAM) {
        continue;
      }
      int attributes = Short.toUnsignedInt(b.getShort(i * ENTRY + 4));
      int s = (i + 1) * ENTRY;
      int flags = b.get(s + 1) & 0xff;
      int nameLength = b.get(s + 3) & 0xff;
      StringBuilder entryName = new StringBuilder();
      for (int k = i + 2; k <= i + secondaries && entryName.length() < nameLength; k++) {
        if ((b.get(k * ENTRY) & 0xff) != TYPE_NAME) {
          break;
        }
        for (int c = 0; c < 15 && entryName.length() < nameLength; c++) {
          entryName.append(b.getChar(k * ENTRY + 2 + c * 2));
        }
      }
      DirEntry entry = new DirEntry(entryName.toString(), (attributes & ATTR_DIRECTORY) != 0,
          (flags & FLAG_NO_FAT_CHAIN) != 0, Integer.toUnsignedLong(b.getInt(s + 20)), b.getLong(s + 24), b.getLong(s + 8));
      Located located = new Located(entry, dirRuns, i, secondaries + 1);
      if (entry.name().equals(name)) {
        return Optional.of(located);
      }
      if (entry.name().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT))) {
        caseInsensitive = located; // exFAT compares names case-insensitively
      }
      i += secondaries;
    }
    return Optional.ofNullable(caseInsensitive);
  }

  /** Runs of contiguous clusters as {start, count}; {@code length} -1 means "to the end of the FAT chain". */
  private List<long[]> runs(long first, boolean contiguous, long length) {
    List<long[]> runs = new ArrayList<>();
    if (length == 0) {
      return runs;
    }
    checkCluster(first);
    if (contiguous) {
      long clusters = (length + clusterSize - 1) / clusterSize;
      checkCluster(first + clusters - 1);
      runs.add(new long[] {first, clusters});
      return runs;
    }
    long wanted = length < 0 ? Long.MAX_VALUE : (length + clusterSize - 1) / clusterSize;
    long cluster = first;
    long seen = 0;
    while (seen < wanted) {
      checkCluster(cluster);
      if (!runs.isEmpty() && runs.get(runs.size() - 1)[0] + runs.get(runs.size() - 1)[1] == cluster) {
        runs.get(runs.size() - 1)[1]++;
      } else {
        runs.add(new long[] {cluster, 1});
      }
      seen++;
      if (seen > clusterCount) {
        throw new IllegalStateException("FAT chain from cluster " + first + " loops");
      }
      long next = fatEntry(cluster);
      if (next == FAT_END) {
        break;
      }
      cluster = next;
    }
    if (length >= 0 && seen < wanted) {
      throw new IllegalStateException("FAT chain from cluster " + first + " ends early");
    }
    return runs;
  }

  private byte[] readRuns(List<long[]> runs, long length) {
    long total = 0;
    for (long[] run : runs) {
      total += run[1] * clusterSize;
    }
    long size = length < 0 ? total : Math.min(length, total);
    if (size > MAX_DIRECTORY_BYTES) {
      throw new IllegalStateException("directory of " + size + " bytes");
    }
    byte[] out = new byte[(int) size];
    int at = 0;
    for (long[] run : runs) {
      int n = (int) Math.min(run[1] * clusterSize, size - at);
      if (n <= 0) {
        break;
      }
      read(clusterOffset(run[0]), out, at, n);
      at += n;
    }
    return out;
  }

  private long fatEntry(long cluster) {
    long offset = fatOffset + cluster * 4;
    long page = RawDevice.alignDown(offset);
    ByteBuffer buffer = fatPages.computeIfAbsent(page, p -> {
      ByteBuffer b = RawDevice.allocate(RawDevice.ALIGNMENT);
      raw.readFully(p, b);
      return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    });
    return Integer.toUnsignedLong(buffer.getInt((int) (offset - page)));
  }

  private void read(long offset, byte[] into, int at, int length) {
    long start = RawDevice.alignDown(offset);
    long end = RawDevice.alignUp(offset + length);
    fetch(start, end);
    for (long block = start; block < end; block += RawDevice.ALIGNMENT) {
      long from = Math.max(offset, block);
      long to = Math.min(offset + length, block + RawDevice.ALIGNMENT);
      System.arraycopy(blocks.get(block), (int) (from - block), into, at + (int) (from - offset), (int) (to - from));
    }
  }

  /** Reads the blocks of [start, end) not read yet, in one read from the first missing to the last. */
  private void fetch(long start, long end) {
    long first = -1;
    long last = -1;
    for (long block = start; block < end; block += RawDevice.ALIGNMENT) {
      if (!blocks.containsKey(block)) {
        first = first < 0 ? block : first;
        last = block;
      }
    }
    if (first < 0) {
      return;
    }
    ByteBuffer b = RawDevice.allocate((int) (last + RawDevice.ALIGNMENT - first));
    raw.readFully(first, b);
    b.flip();
    for (long block = first; block <= last; block += RawDevice.ALIGNMENT) {
      blocks.computeIfAbsent(block, k -> new byte[RawDevice.ALIGNMENT]);
      b.get((int) (block - first), blocks.get(block));
    }
  }

  /**
   * The {@code length} bytes at {@code offset} (both aligned) in a buffer ready to be patched and written
   * back, from what was read before where possible; {@link #written} keeps what this reader holds equal
   * to the device after the write.
   */
  ByteBuffer blocksForUpdate(long offset, int length) {
    byte[] bytes = new byte[length];
    read(offset, bytes, 0, length);
    ByteBuffer b = RawDevice.allocate(length);
    b.put(bytes).clear();
    return b;
  }

  /** Records that the aligned {@code data} (position to limit) now lies at {@code offset} on the device. */
  void written(long offset, ByteBuffer data) {
    ByteBuffer d = data.duplicate();
    for (long block = offset; d.remaining() >= RawDevice.ALIGNMENT; block += RawDevice.ALIGNMENT) {
      byte[] copy = new byte[RawDevice.ALIGNMENT];
      d.get(copy);
      blocks.put(block, copy);
    }
  }

  private void checkCluster(long cluster) {
    if (cluster < 2 || cluster > clusterCount + 1) {
      throw new IllegalStateException("cluster " + cluster + " is outside the cluster heap");
    }
  }

  @Override
  public void close() {
    raw.close();
  }

  private record DirEntry(String name, boolean directory, boolean noFatChain, long firstCluster, long dataLength,
      long validLength) {}
}
