package io.rescuefleet.station.session;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.fs.FsDriver;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.layout.Region;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything one run holds open on one stick: the devices of its data and VTOYEFI regions and the
 * data filesystem's mount. Each byte range of the stick is reached through exactly one device (boot
 * code and table: the disk; data: its region; VTOYEFI: its region), so no two page caches disagree.
 * The data filesystem is mounted when a step needs files and unmounted ("quiesced") before raw access
 * to its device. Closing releases everything this run attached, also after a failure.
 */
public final class StickSession implements AutoCloseable {
  private final Toolbox tools;
  private final String disk;
  private final Region dataRegion;
  private final Region efiRegion;
  private final DataFilesystem filesystem;
  private final boolean writable;
  private RegionDevice data;
  private RegionDevice efi;
  private MountedVolume mount;

  /**
   * @param dataRegion where the data filesystem is (or is to be), or null when there is none to look at
   * @param efiRegion where VTOYEFI is (or is to be), or null
   * @param writable whether the data filesystem may be mounted read-write
   */
  public StickSession(Toolbox tools, String disk, Region dataRegion, Region efiRegion, DataFilesystem filesystem,
      boolean writable) {
    this.tools = tools;
    this.disk = disk;
    this.dataRegion = dataRegion;
    this.efiRegion = efiRegion;
    this.filesystem = filesystem;
    this.writable = writable;
  }

  public Toolbox tools() {
    return tools;
  }

  /** The whole-disk device. */
  public String disk() {
    return disk;
  }

  public boolean writable() {
    return writable;
  }

  public DataFilesystem filesystem() {
    return filesystem;
  }

  public Optional<Region> dataRegion() {
    return Optional.ofNullable(dataRegion);
  }

  public Optional<Region> efiRegion() {
    return Optional.ofNullable(efiRegion);
  }

  /** The data region's device (opened on first use). */
  public synchronized String dataDevice() {
    if (data == null) {
      data = tools.regions().open(disk, require(dataRegion, "data"));
    }
    return data.path();
  }

  /** The VTOYEFI region's device (opened on first use). */
  public synchronized String efiDevice() {
    if (efi == null) {
      efi = tools.regions().open(disk, require(efiRegion, "VTOYEFI"));
    }
    return efi.path();
  }

  /** The data filesystem's root, mounting it (read-write when the session is writable) if needed. */
  public synchronized Path mounted() {
    if (mount == null) {
      mount = tools.mounter().mount(dataDevice(), filesystem, !writable);
    }
    return mount.root();
  }

  /** True while the data filesystem is mounted. */
  public synchronized boolean isMounted() {
    return mount != null;
  }

  /** The driver of the current (or last) mount. */
  public synchronized Optional<FsDriver> driver() {
    return Optional.ofNullable(mount).map(MountedVolume::driver);
  }

  /**
   * Unmounts the data filesystem (which makes a FUSE driver flush everything) and drops the region's
   * buffer cache, then returns the region's device for raw access.
   */
  public synchronized String quiesced() {
    if (mount != null) {
      try {
        mount.close();
      } finally {
        mount = null;
      }
    }
    String device = dataDevice();
    tools.blocks().dropCache(device);
    return device;
  }

  /** Drops every buffer cache of the stick's devices, so the next reads see the medium. */
  public synchronized void dropCaches() {
    tools.blocks().dropCache(disk);
    if (data != null) {
      tools.blocks().dropCache(data.path());
    }
    if (efi != null) {
      tools.blocks().dropCache(efi.path());
    }
  }

  @Override
  public synchronized void close() {
    RuntimeException first = null;
    for (AutoCloseable c : new AutoCloseable[] {mount, data, efi}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
      }
    }
    mount = null;
    data = null;
    efi = null;
    if (first != null) {
      throw first;
    }
  }

  private static Region require(Region region, String what) {
    if (region == null) {
      throw new IllegalStateException("this session has no " + what + " region");
    }
    return region;
  }
}
