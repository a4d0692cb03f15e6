package io.rescuefleet.station.verify;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.session.StickSession;
import java.util.Optional;

/**
 * Picks how verification reads a stick so that no cache can answer for the medium: exFAT files from
 * the device at their clusters with the filesystem unmounted; anything else (NTFS, or a file the
 * exFAT reader cannot map) through a fresh mount with O_DIRECT after dropping the device's cache.
 */
public final class DeviceReading {
  private DeviceReading() {}

  public static ContentReader open(StickSession session) {
    if (session.filesystem() == DataFilesystem.exFAT) {
      Optional<DeviceExtentReader> extents = DeviceExtentReader.forDevice(session.quiesced());
      if (extents.isPresent()) {
        return new FallbackReader(extents.get(), () -> freshMount(session));
      }
    }
    return freshMount(session);
  }

  private static ContentReader freshMount(StickSession session) {
    session.quiesced(); // unmount (a FUSE driver's page cache goes with it) and drop the device's buffer cache
    return new MountedFileReader(session.mounted(), true);
  }
}
