package io.rescuefleet.station.fs;

import java.nio.file.Path;

/** A data partition mounted by this run; closing unmounts it (which also flushes a FUSE driver). */
public final class MountedVolume implements AutoCloseable {
  private final Mounter mounter;
  private final String device;
  private final Path root;
  private final FsDriver driver;
  private final boolean readOnly;
  private boolean unmounted;

  MountedVolume(Mounter mounter, String device, Path root, FsDriver driver, boolean readOnly) {
    this.mounter = mounter;
    this.device = device;
    this.root = root;
    this.driver = driver;
    this.readOnly = readOnly;
  }

  public Path root() {
    return root;
  }

  public String device() {
    return device;
  }

  public FsDriver driver() {
    return driver;
  }

  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public synchronized void close() {
    if (!unmounted) {
      unmounted = true;
      mounter.unmount(root);
    }
  }
}
