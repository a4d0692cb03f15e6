package io.rescuefleet.station.execute;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.fs.FsDriver;
import io.rescuefleet.station.layout.Region;
import io.rescuefleet.station.session.StickSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A stick session over a plain directory standing in for the mount; records mounts and unmounts. */
final class RecordingSession implements StickSession {
  private final Path root;
  private final List<String> calls;
  private boolean mounted;
  private boolean writableMount;

  RecordingSession(Path root, List<String> calls) {
    this.root = root;
    this.calls = calls;
  }

  @Override
  public String disk() {
    return "/dev/fake";
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public DataFilesystem filesystem() {
    return DataFilesystem.exFAT;
  }

  @Override
  public Optional<Region> dataRegion() {
    return Optional.of(new Region(2048, 100_000));
  }

  @Override
  public Optional<Region> efiRegion() {
    return Optional.of(new Region(102_048, 65536));
  }

  @Override
  public String dataDevice() {
    return "/dev/fake-data";
  }

  @Override
  public String efiDevice() {
    return "/dev/fake-efi";
  }

  @Override
  public Path mounted() {
    if (!mounted) {
      calls.add("mount ro");
      mounted = true;
    }
    return root;
  }

  @Override
  public Path writableRoot() {
    if (!mounted || !writableMount) {
      calls.add("mount rw");
      mounted = true;
      writableMount = true;
    }
    return root;
  }

  @Override
  public boolean isMounted() {
    return mounted;
  }

  @Override
  public Optional<FsDriver> driver() {
    return Optional.of(FsDriver.EXFAT_FUSE);
  }

  @Override
  public String quiesced() {
    if (mounted) {
      calls.add("unmount");
      mounted = false;
      writableMount = false;
    }
    return dataDevice();
  }

  @Override
  public void dropCaches() {
    calls.add("dropCaches");
  }

  @Override
  public void close() {
    quiesced();
  }
}
