package io.rescuefleet.station.execute;

import io.rescuefleet.station.cache.CachedImage;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.observe.FileCheck;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.verify.ContentReader;
import io.rescuefleet.station.verify.DeviceReading;
import io.rescuefleet.station.verify.Verifier;
import io.rescuefleet.station.verify.VerifyTask;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Verifies a written file from the device, chunk by chunk in parallel against the chunk hashes the
 * cache computed when it verified the source: all chunks equal means the file equals its verified
 * source, so its SHA-256 is the catalog's.
 */
public final class DeviceReadBack implements ReadBackWork {
  private final Verifier verifier;

  public DeviceReadBack(Verifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public FileCheck readBack(StickSession session, String path, CachedImage source, Cancellation cancellation,
      LongConsumer progress) {
    List<VerifyTask> tasks = source.chunks().isEmpty()
        ? List.of(VerifyTask.whole(path, source.size(), source.sha256(), false))
        : VerifyTask.allChunks(path, source.size(), source.chunkSize(), source.chunks());
    try (ContentReader reader = DeviceReading.open(session)) {
      FileCheck check = verifier.run(tasks, reader, cancellation, progress).checks().get(path);
      return new FileCheck(path, check.status(), source.sha256(), source.chunks(), check.bytesHashed(), check.detail());
    }
  }
}
