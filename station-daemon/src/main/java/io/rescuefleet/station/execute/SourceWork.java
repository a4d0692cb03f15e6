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
}
