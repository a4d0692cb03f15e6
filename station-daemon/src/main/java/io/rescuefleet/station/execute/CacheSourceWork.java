package io.rescuefleet.station.execute;

import io.rescuefleet.station.cache.CachedImage;
import io.rescuefleet.station.cache.ImageCache;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.plan.FetchImage;
import java.util.Optional;
import java.util.function.LongConsumer;

/** Sources from the station's {@link ImageCache}. */
public final class CacheSourceWork implements SourceWork {
  private final ImageCache cache;

  public CacheSourceWork(ImageCache cache) {
    this.cache = cache;
  }

  @Override
  public CachedImage fetch(FetchImage action, Cancellation cancellation, LongConsumer progress) {
    return cache.ensure(action.entry(), action.url(), action.sha256(), action.size() < 0 ? null : action.size(),
        action.signature(), cancellation, progress);
  }

  @Override
  public Optional<CachedImage> cached(String sha256) {
    return cache.lookup(sha256);
  }

  @Override
  public boolean intact(CachedImage image) {
    return cache.intact(image);
  }

  @Override
  public void evict(String sha256) {
    cache.evict(sha256);
  }
}
