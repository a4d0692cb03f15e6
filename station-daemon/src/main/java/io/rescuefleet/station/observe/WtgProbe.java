package io.rescuefleet.station.observe;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.session.StickSession;

/**
 * Looks at a stick's Windows To Go slot for the observer, and checks its sampled files for the
 * verification step. Provided by the Windows To Go work; passed in like every other collaborator.
 */
public interface WtgProbe {
  /** @param volume the mounted data partition's content, or null when there is none */
  ObservedWtg observe(StickSession session, PartitionTable table, VolumeState volume, StickManifest.WtgRecord applied,
      Observer.Request request);

  /**
   * Checks the sampled files of the marked volumes as {@code mode} asks: none for Quick, a share of
   * {@code ratio} from {@code cursor} on for Sampled, all for Full.
   */
  ObservedWtg verify(StickSession session, ObservedWtg observed, VerifyMode mode, double ratio, long cursor);
}
