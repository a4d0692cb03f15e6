package io.rescuefleet.station.execute;

import io.rescuefleet.station.cache.CachedImage;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.manifest.StickManifest.WtgRecord;
import io.rescuefleet.station.plan.ApplyWtg;
import io.rescuefleet.station.plan.CreateWtgPartition;
import io.rescuefleet.station.plan.PrepareWtgImage;
import io.rescuefleet.station.plan.RemoveWtg;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.wtg.volume.PreparedImage;
import java.util.function.LongConsumer;

/**
 * Windows To Go device work, one call per step, each idempotent: running a step again gives the same
 * stick. Decides nothing; the plan says what and where.
 */
public interface WtgWork {
  /** Reads the cached image and checks the profile against it. Writes nothing. */
  PreparedImage prepare(PrepareWtgImage action, CachedImage image);

  /** Writes the partition's entry into the table (only that entry). */
  void createPartition(String disk, CreateWtgPartition action);

  /**
   * Writes the Windows To Go volume and marks it.
   *
   * @param progress bytes of image data written so far, as increments
   * @return what the manifest records about it
   */
  WtgRecord apply(StickSession session, ApplyWtg action, PreparedImage image, Cancellation cancellation,
      LongConsumer progress);

  /** Unmarks and removes a Windows To Go system: its partition entry or its VHD file. */
  void remove(StickSession session, RemoveWtg action);
}
