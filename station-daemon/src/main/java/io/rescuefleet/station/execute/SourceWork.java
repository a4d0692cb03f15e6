package io.rescuefleet.station.execute;

import io.rescuefleet.station.cache.CachedImage;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.plan.FetchImage;
import java.util.Optional;
import java.util.function.LongConsumer;

/** Brings verified images into the station's cache and finds them there. */
public interface SourceWork {
  CachedImage fetch(FetchImage action, Cancellation cancellation, LongConsumer progress);

  Optional<CachedImage> cached(String sha256);

  /** Hashes the cached object again: false when it no longer is the image its record vouches for. */
  boolean intact(CachedImage image);

  /** Drops an object from the cache, so the next run fetches it again. */
  void evict(String sha256);
}
