package io.rescuefleet.station.session;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.fs.FsDriver;
import io.rescuefleet.station.layout.Region;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one run holds open on one stick: the disk, the devices of its data and VTOYEFI regions, and the
 * data filesystem's mount. Executors reach the stick only through it; tests pass a recording fake.
 */
public interface StickSession extends AutoCloseable {
  /** The whole-disk device. */
  String disk();

  /** Whether the data filesystem may be mounted read-write. */
  boolean writable();

  DataFilesystem filesystem();

  Optional<Region> dataRegion();

  Optional<Region> efiRegion();

  /** The data region's device. */
  String dataDevice();

  /** The VTOYEFI region's device. */
  String efiDevice();

  /** The data filesystem's root for reading (mounted read-only if it was not mounted). */
  Path mounted();

  /** The data filesystem's root for writing (remounted read-write if needed). */
  Path writableRoot();

  boolean isMounted();

  /** The driver of the current or last mount. */
  Optional<FsDriver> driver();

  /** Unmounts the data filesystem, drops the region's buffer cache, and returns its device for raw access. */
  String quiesced();

  /** Drops every buffer cache of the stick's devices. */
  void dropCaches();

  @Override
  void close();
}
