package io.rescuefleet.station.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Reads files of the data partition for verification, from the device rather than a cache. One reader
 * per pass; {@link #open} may be called from several threads.
 */
public interface ContentReader extends AutoCloseable {

  /** How this reader gets its bytes. */
  ReadPath readPath();

  /** Opens one file; the caller closes it. */
  FileContent open(String path) throws IOException;

  @Override
  void close();

  /** An opened file. */
  interface FileContent extends AutoCloseable {
    long size();

    /**
     * Reads {@code length} bytes from {@code offset}, handing them to {@code sink} in order, in pieces
     * no larger than {@code scratch} (an aligned direct buffer the caller owns).
     */
    void read(long offset, long length, ByteBuffer scratch, Consumer<ByteBuffer> sink) throws IOException;

    @Override
    void close();
  }
}
