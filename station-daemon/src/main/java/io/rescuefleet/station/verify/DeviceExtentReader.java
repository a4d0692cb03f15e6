package io.rescuefleet.station.verify;

import io.rescuefleet.station.device.RawDevice;
import io.rescuefleet.station.fs.ExfatVolume;
import io.rescuefleet.station.fs.FileExtents;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads exFAT files straight from the partition device with O_DIRECT, at the clusters the (unmounted)
 * filesystem's own metadata gives: what is on the medium, with no filesystem driver or page cache in
 * between. A byte flipped on the stick behind the filesystem's back shows up here.
 */
public final class DeviceExtentReader implements ContentReader {
  private final ExfatVolume volume;
  private final RawDevice device;
  private final Map<String, FileExtents> extents = new ConcurrentHashMap<>();

  private DeviceExtentReader(ExfatVolume volume, RawDevice device) {
    this.volume = volume;
    this.device = device;
  }

  /** A reader for the exFAT volume on {@code device}, or empty when it is not one this reader understands. */
  public static Optional<DeviceExtentReader> forDevice(String device) {
    return ExfatVolume.open(device).map(v -> new DeviceExtentReader(v, RawDevice.openForRead(device)));
  }

  @Override
  public ReadPath readPath() {
    return ReadPath.DEVICE_EXTENTS;
  }

  /** The file's extents, or empty when the metadata does not lead to it. */
  public Optional<FileExtents> extents(String path) {
    FileExtents known = extents.get(path);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<FileExtents> found;
    synchronized (volume) {
      found = volume.extents(path);
    }
    found.ifPresent(e -> extents.put(path, e));
    return found;
  }

  @Override
  public FileContent open(String path) throws IOException {
    FileExtents file;
    try {
      file = extents(path).orElseThrow(() -> new FileNotFoundException(path + " not found in the exFAT directory"));
    } catch (IllegalStateException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
    return new FileContent() {
      @Override
      public long size() {
        return file.size();
      }

      @Override
      public void read(long offset, long length, ByteBuffer scratch, Consumer<ByteBuffer> sink) {
        readRange(file, offset, Math.min(length, file.size() - offset), scratch, sink);
      }

      @Override
      public void close() {
        // Extents are cached by the reader; nothing per file to release.
      }
    };
  }

  private void readRange(FileExtents file, long offset, long length, ByteBuffer scratch, Consumer<ByteBuffer> sink) {
    long pos = offset;
    long end = offset + length;
    int window = (int) RawDevice.alignDown(scratch.capacity()) - 2 * RawDevice.ALIGNMENT;
    for (FileExtents.Extent e : file.extents()) {
      long eEnd = e.fileOffset() + e.length();
      while (pos < end && pos >= e.fileOffset() && pos < eEnd) {
        long n = Math.min(Math.min(end, eEnd) - pos, window);
        if (pos >= file.validLength()) {
          zeros(scratch, n, sink); // past ValidDataLength the file reads as zeros, whatever the clusters hold
        } else {
          n = Math.min(n, file.validLength() - pos);
          long deviceAt = e.deviceOffset() + (pos - e.fileOffset());
          long alignedStart = RawDevice.alignDown(deviceAt);
          long alignedEnd = RawDevice.alignUp(deviceAt + n);
          scratch.clear().limit((int) (alignedEnd - alignedStart));
          device.readFully(alignedStart, scratch);
          scratch.flip().position((int) (deviceAt - alignedStart)).limit((int) (deviceAt - alignedStart + n));
          sink.accept(scratch);
        }
        pos += n;
      }
    }
    if (pos != end) {
      throw new IllegalStateException("extents end at " + pos + ", file range ends at " + end);
    }
  }

  private static void zeros(ByteBuffer scratch, long n, Consumer<ByteBuffer> sink) {
    scratch.clear().limit((int) n);
    while (scratch.hasRemaining()) {
      scratch.put((byte) 0);
    }
    scratch.flip();
    sink.accept(scratch);
  }

  @Override
  public void close() {
    volume.close();
    device.close();
  }
}
