package io.rescuefleet.station.execute;

import io.rescuefleet.station.cache.CachedImage;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.observe.FileCheck;
import io.rescuefleet.station.session.StickSession;
import java.util.function.LongConsumer;

/** Reads a freshly written file back from the device and compares it with its source's hashes. */
public interface ReadBackWork {
  FileCheck readBack(StickSession session, String path, CachedImage source, Cancellation cancellation,
      LongConsumer progress);
}
