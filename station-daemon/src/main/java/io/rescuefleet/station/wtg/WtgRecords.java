package io.rescuefleet.station.wtg;

import io.rescuefleet.station.manifest.StickManifest.WtgRecord;
import io.rescuefleet.station.wtg.volume.WtgMarker;

/** The manifest's record of a Windows To Go system, from the marker on its volume. */
public final class WtgRecords {
  private WtgRecords() {}

  /** @param location {@code partition N} or the VHD's path */
  public static WtgRecord of(WtgMarker marker, String location) {
    return new WtgRecord(marker.profile(), marker.target(), location, marker.applyId(), marker.imageSha256(),
        marker.imageIndex(), marker.edition(), marker.imageName(), marker.unattendSha256(),
        marker.bootConfiguration().name(), marker.appliedAt());
  }
}
