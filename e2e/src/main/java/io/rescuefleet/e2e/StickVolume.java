package io.rescuefleet.e2e;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.device.RegionDevices;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.fs.Mounter;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.observe.TableProbe;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The data partition of a pulled stick's image, mounted as another PC would mount it, for damaging
 * it (read-write) or looking at what is on it (read-only). Uses the station's own device and mount
 * code; {@link #close} unmounts and detaches everything it attached.
 */
public final class StickVolume implements AutoCloseable {
  private final LoopDevice disk;
  private final RegionDevice partition;
  private final MountedVolume volume;

  private StickVolume(LoopDevice disk, RegionDevice partition, MountedVolume volume) {
    this.disk = disk;
    this.partition = partition;
    this.volume = volume;
  }

  /** Mounts partition 1 of {@code image} (exFAT); {@code writable} false mounts it read-only. */
  public static StickVolume open(Path image, boolean writable) throws IOException {
    ProcessRunner runner = new ProcessRunner();
    LoopDevices loops = new LoopDevices(runner);
    LoopDevice disk = loops.attach(image.toString(), 0, 0, !writable);
    RegionDevice partition = null;
    try {
      PartitionEntry data = new TableProbe(runner).read(disk.path()).partition(1)
          .orElseThrow(() -> new IOException(image + " has no data partition"));
      partition = new RegionDevices(loops).open(disk.path(), data.region());
      return new StickVolume(disk, partition, new Mounter(runner).mount(partition.path(), DataFilesystem.exFAT, !writable));
    } catch (IOException | RuntimeException e) {
      if (partition != null) {
        partition.close();
      }
      disk.close();
      throw e;
    }
  }

  public Path root() {
    return volume.root();
  }

  /** SHA-256 of the file at {@code path} on the stick, or null when it is not there. */
  public String sha256(String path) throws IOException {
    Path file = root().resolve(path);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      volume.close();
    } finally {
      try {
        partition.close();
      } finally {
        disk.close();
      }
    }
  }
}
