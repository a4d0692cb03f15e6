package io.rescuefleet.station.verify;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Reads through {@code primary} and, for a file it cannot find or map, through {@code secondary},
 * created on first need. Reports the weaker read path of the two once the secondary was used.
 */
final class FallbackReader implements ContentReader {
  private final ContentReader primary;
  private final Supplier<ContentReader> secondaryFactory;
  private ContentReader secondary;

  FallbackReader(ContentReader primary, Supplier<ContentReader> secondaryFactory) {
    this.primary = primary;
    this.secondaryFactory = secondaryFactory;
  }

  @Override
  public synchronized ReadPath readPath() {
    return secondary == null ? primary.readPath() : primary.readPath().weaker(secondary.readPath());
  }

  @Override
  public FileContent open(String path) throws IOException {
    try {
      return primary.open(path);
    } catch (IOException e) {
      return secondary().open(path);
    }
  }

  private synchronized ContentReader secondary() {
    if (secondary == null) {
      secondary = secondaryFactory.get();
    }
    return secondary;
  }

  @Override
  public synchronized void close() {
    primary.close();
    if (secondary != null) {
      secondary.close();
    }
  }
}
