package io.rescuefleet.station.verify;

import io.rescuefleet.station.fs.StickPaths;
import com.sun.nio.file.ExtendedOpenOption;
import io.rescuefleet.station.device.RawDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads files through a mounted filesystem, for volumes {@link DeviceExtentReader} cannot map (NTFS).
 * Files are opened with O_DIRECT so the filesystem's page cache is bypassed; where the driver refuses
 * O_DIRECT the caller must hand over a fresh mount with the device's buffer cache dropped.
 */
public final class MountedFileReader implements ContentReader {
  private final Path root;
  private final boolean preferDirect;
  private volatile boolean usedPlain;

  /** @param preferDirect open with O_DIRECT, falling back to plain reads for files the driver refuses it on */
  public MountedFileReader(Path root, boolean preferDirect) {
    this.root = root;
    this.preferDirect = preferDirect;
  }

  @Override
  public ReadPath readPath() {
    return preferDirect && !usedPlain ? ReadPath.MOUNT_DIRECT : ReadPath.MOUNT_FRESH;
  }

  @Override
  public FileContent open(String path) throws IOException {
    Path file = StickPaths.resolve(root, path);
    FileChannel opened = null;
    if (preferDirect) {
      try {
        opened = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
      } catch (IOException | UnsupportedOperationException e) {
        if (!java.nio.file.Files.exists(file)) {
          throw e instanceof IOException io ? io : new IOException(e);
        }
        usedPlain = true; // the caller mounted freshly and dropped the device cache: plain reads are from the medium
      }
    }
    FileChannel channel = opened != null ? opened : FileChannel.open(file, StandardOpenOption.READ);
    boolean direct = opened != null;
    long size = channel.size();
    return new FileContent() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public void read(long offset, long length, ByteBuffer scratch, Consumer<ByteBuffer> sink) throws IOException {
        long pos = offset;
        long end = Math.min(offset + length, size);
        int window = (int) RawDevice.alignDown(scratch.capacity()) - 2 * RawDevice.ALIGNMENT;
        while (pos < end) {
          long n = Math.min(end - pos, window);
          long start = direct ? RawDevice.alignDown(pos) : pos;
          long stop = direct ? RawDevice.alignUp(pos + n) : pos + n;
          scratch.clear().limit((int) (stop - start));
          long at = start;
          while (scratch.hasRemaining() && at < size) {
            int r = channel.read(scratch, at);
            if (r <= 0) {
              break;
            }
            at += r; // past the end of file only the last, short read ends misaligned
          }
          if (at < pos + n) {
            throw new IOException(path + " ended at " + at + " while reading to " + (pos + n));
          }
          scratch.flip().position((int) (pos - start)).limit((int) (pos - start + n));
          sink.accept(scratch);
          pos += n;
        }
      }

      @Override
      public void close() {
        try {
          channel.close();
        } catch (IOException e) {
          // closing a read-only handle cannot lose data
        }
      }
    };
  }

  @Override
  public void close() {
    // The mount belongs to the caller.
  }
}
