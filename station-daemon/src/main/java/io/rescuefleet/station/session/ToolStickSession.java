package io.rescuefleet.station.session;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.fs.FsDriver;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.layout.Region;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real {@link StickSession} over the station's tools. Everything one run holds open on one stick: the devices of its data and VTOYEFI regions and the
 * data filesystem's mount. Each byte range of the stick is reached through exactly one device (boot
 * code and table: the disk; data: its region; VTOYEFI: its region), so no two page caches disagree.
 * The data filesystem is mounted when a step needs files (read-only to look, read-write to change) and
 * unmounted ("quiesced") before raw access to its device. Closing releases everything this run attached, also after a failure.
 */
public final class ToolStickSession implements StickSession {
  private final Toolbox tools;
  private final String disk;
  private final Region dataRegion;
  private final Region efiRegion;
  private final DataFilesystem filesystem;
  private final boolean writable;
  private RegionDevice data;
  private RegionDevice efi;
  private MountedVolume mount;
  private FsDriver lastDriver;

  /**
   * @param dataRegion where the data filesystem is (or is to be), or null when there is none to look at
   * @param efiRegion where VTOYEFI is (or is to be), or null
   * @param writable whether the data filesystem may be mounted read-write
   */
  public ToolStickSession(Toolbox tools, String disk, Region dataRegion, Region efiRegion, DataFilesystem filesystem,
      boolean writable) {
    this.tools = tools;
    this.disk = disk;
    this.dataRegion = dataRegion;
    this.efiRegion = efiRegion;
    this.filesystem = filesystem;
    this.writable = writable;
  }

  /** The whole-disk device. */
  @Override
  public String disk() {
    return disk;
  }

  @Override
  public boolean writable() {
    return writable;
  }

  @Override
  public DataFilesystem filesystem() {
    return filesystem;
  }

  @Override
  public Optional<Region> dataRegion() {
    return Optional.ofNullable(dataRegion);
  }

  @Override
  public Optional<Region> efiRegion() {
    return Optional.ofNullable(efiRegion);
  }

  /** The data region's device (opened on first use). */
  @Override
  public synchronized String dataDevice() {
    if (data == null) {
      data = tools.regions().open(disk, require(dataRegion, "data"));
    }
    return data.path();
  }

  /** The VTOYEFI region's device (opened on first use). */
  @Override
  public synchronized String efiDevice() {
    if (efi == null) {
      efi = tools.regions().open(disk, require(efiRegion, "VTOYEFI"));
    }
    return efi.path();
  }

  /**
   * The data filesystem's root for reading, mounting it read-only if it is not mounted: looking at a
   * stick writes nothing to it (a read-write FUSE mount would at least mark the volume dirty).
   */
  @Override
  public synchronized Path mounted() {
    if (mount == null) {
      mount(true);
    }
    return mount.root();
  }

  /** The data filesystem's root for writing, remounting it read-write if needed. */
  @Override
  public synchronized Path writableRoot() {
    if (!writable) {
      throw new IllegalStateException("this session may not write to " + disk);
    }
    if (mount != null && mount.readOnly()) {
      quiesced();
    }
    if (mount == null) {
      mount(false);
    }
    return mount.root();
  }

  private void mount(boolean readOnly) {
    mount = tools.mounter().mount(dataDevice(), filesystem, readOnly);
    lastDriver = mount.driver();
  }

  /** True while the data filesystem is mounted. */
  @Override
  public synchronized boolean isMounted() {
    return mount != null;
  }

  /** The driver of the current (or last) mount. */
  @Override
  public synchronized Optional<FsDriver> driver() {
    return Optional.ofNullable(lastDriver);
  }

  /**
   * Unmounts the data filesystem (which makes a FUSE driver flush everything) and drops the region's
   * buffer cache, then returns the region's device for raw access.
   */
  @Override
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
  @Override
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
