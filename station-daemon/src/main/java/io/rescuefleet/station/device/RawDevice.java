package io.rescuefleet.station.device;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Positional I/O on a block device with O_DIRECT: reads come from the medium, not the page cache,
 * and writes reach the device. Offsets, lengths and buffers must be multiples of {@link #ALIGNMENT}.
 */
public final class RawDevice implements AutoCloseable {
  /** The JDK aligns O_DIRECT to the filesystem block size of /dev (4 KiB); it also suits 512-byte disks. */
  public static final int ALIGNMENT = 4096;

  private final String path;
  private final FileChannel channel;

  private RawDevice(String path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  public static RawDevice openForRead(String device) {
    return open(device, false);
  }

  public static RawDevice openForWrite(String device) {
    return open(device, true);
  }

  private static RawDevice open(String device, boolean write) {
    List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.READ, ExtendedOpenOption.DIRECT));
    if (write) {
      options.add(StandardOpenOption.WRITE);
    }
    try {
      return new RawDevice(device, FileChannel.open(Path.of(device), options.toArray(OpenOption[]::new)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + device + " for direct I/O", e);
    }
  }

  /** A direct buffer of {@code size} bytes (rounded up to the alignment) at an aligned address. */
  public static ByteBuffer allocate(int size) {
    int aligned = (int) alignUp(size);
    // Sliced to exactly {@code aligned}: when the allocation happens to start aligned, alignedSlice alone
    // keeps the spare unit as capacity, and a clear() would then make the buffer one unit too long.
    return ByteBuffer.allocateDirect(aligned + ALIGNMENT).alignedSlice(ALIGNMENT).slice(0, aligned);
  }

  public static long alignUp(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  public static long alignDown(long n) {
    return n / ALIGNMENT * ALIGNMENT;
  }

  /** Fills {@code buffer} from its position to its limit, reading at {@code offset}. */
  public void readFully(long offset, ByteBuffer buffer) {
    long at = offset;
    try {
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, at);
        if (n < 0) {
          throw new IOException("end of device at " + at);
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " at " + offset, e);
    }
  }

  /** Writes {@code buffer} from its position to its limit at {@code offset}. */
  public void writeFully(long offset, ByteBuffer buffer) {
    long at = offset;
    try {
      while (buffer.hasRemaining()) {
        at += channel.write(buffer, at);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + " at " + offset, e);
    }
  }

  /** Flushes the device's write cache (O_DIRECT bypasses the page cache, not the device's own cache). */
  public void force() {
    try {
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path, e);
    }
  }
}
