package io.rescuefleet.station.cache;

import java.nio.file.Path;
import java.util.List;

/** A verified image in the cache, with the chunk hashes computed when it was verified. */
public record CachedImage(String sha256, Path file, long size, long chunkSize, List<String> chunks) {
  public CachedImage {
    chunks = List.copyOf(chunks);
  }
}
