package io.rescuefleet.station.testing;

import io.rescuefleet.api.load.ManifestLoader;
import io.rescuefleet.api.load.ManifestSet;
import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.resolve.Resolver;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.device.ImageFileTarget;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.device.RawDevice;
import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.engine.ConvergeOptions;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.engine.Inspection;
import io.rescuefleet.station.engine.StationEngine;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.fs.ExfatVolume;
import io.rescuefleet.station.fs.FileExtents;
import io.rescuefleet.station.fs.Mounter;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.layout.Region;
import io.rescuefleet.station.observe.TableProbe;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testkit.SyntheticVentoyRelease;
import io.rescuefleet.station.testkit.TestImages;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Arrays;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bench for component tests: generated images, a synthetic Ventoy release, YAML for a drive that
 * carries them, the engine, and the ways a person (or a failing stick) changes a stick behind
 * RescueFleet's back. Everything it attaches or mounts it releases before returning.
 */
public final class StickLab {
  public final ProcessRunner runner = new ProcessRunner();
  public final LoopDevices loops = new LoopDevices(runner);
  public final Path dir;
  public final Path release;
  public final Path cache;
  public final List<TestImages.Image> images = new ArrayList<>();
  public final StationEngine engine;

  /** @param sizes sizes of the generated images, named img0, img1, ... */
  public StickLab(Path dir, long... sizes) {
    this.dir = dir;
    this.release = SyntheticVentoyRelease.create(dir.resolve("release"), "1.1.05", runner);
    this.cache = dir.resolve("cache");
    for (int i = 0; i < sizes.length; i++) {
      images.add(TestImages.write(dir.resolve("src/img" + i + ".iso"), sizes[i], 1000 + i));
    }
    this.engine = StationEngine.create(runner, cache);
  }

  /** Catalog entries for every image: {@code iso/imgN.iso}, and a menu alias for the first. */
  public String catalog() {
    StringBuilder s = new StringBuilder("""
        apiVersion: rescuefleet.io/v1alpha1
        kind: IsoCatalog
        metadata: {name: set, namespace: lab}
        spec:
          entries:
        """);
    for (int i = 0; i < images.size(); i++) {
      TestImages.Image img = images.get(i);
      s.append(String.format("    - {name: img%d, url: \"%s\", sha256: %s, size: %d, path: %s%s}%n", i, img.url(),
          img.sha256(), img.size(), path(i), i == 0 ? ", menuAlias: \"Image zero\"" : ""));
    }
    return s.toString();
  }

  public static String path(int i) {
    return (i % 2 == 0 ? "iso/linux/" : "iso/tools/") + "img" + i + ".iso";
  }

  /** A drive carrying the whole catalog. */
  public String drive(String style, String filesystem) {
    return catalog() + """
        ---
        apiVersion: rescuefleet.io/v1alpha1
        kind: RescueDrive
        metadata: {name: stick, namespace: lab}
        spec:
          serial: "LAB0001"
          layout: {partitionStyle: %s, dataFilesystem: %s, ventoyVersion: "1.1.05"}
          catalogRef: {name: set}
          ventoy:
            control: {menuTimeoutSeconds: 5, defaultMenuMode: TreeView}
        """.formatted(style, filesystem);
  }

  public Path writeYaml(String name, String yaml) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static DriveAssignment assignment(String yaml) {
    ManifestSet set = new ManifestLoader().load("test.yaml", yaml);
    return new Resolver().resolve(set.drives().get(0), set);
  }

  public ConvergeOptions options() {
    return ConvergeOptions.defaults().withVentoyRelease(release).withSampleInterval(Duration.ofMillis(50));
  }

  /** Runs apply on the image (created at {@code size} bytes if missing), attached for the call. */
  public EngineResult apply(Path image, long size, String yaml, VerifyMode mode) {
    return apply(image, size, yaml, mode, options(), EngineListener.NONE);
  }

  public EngineResult apply(Path image, long size, String yaml, VerifyMode mode, ConvergeOptions options,
      EngineListener listener) {
    try (ImageFileTarget target = ImageFileTarget.attach(image, Files.exists(image) ? null : size, loops)) {
      return engine.converge(target, assignment(yaml), mode, options, listener, Cancellation.none());
    }
  }

  public EngineResult diff(Path image, String yaml, VerifyMode mode) {
    try (ImageFileTarget target = ImageFileTarget.attach(image, null, loops)) {
      return engine.diff(target, assignment(yaml), mode, options(), EngineListener.NONE, Cancellation.none());
    }
  }

  public Inspection inspect(Path image, VerifyMode mode) {
    try (ImageFileTarget target = ImageFileTarget.attach(image, null, loops)) {
      return engine.inspect(target, mode, options().withAllowlist(Allowlist.none()), EngineListener.NONE, Cancellation.none());
    }
  }

  /** What {@code fsck.exfat -n} (which repairs nothing) says of the data partition: exit 0 means consistent. */
  public io.rescuefleet.station.process.ProcessResult fsckData(Path image) {
    try (LoopDevice disk = loops.attach(image.toString(), 0, 0)) {
      Region data = dataRegion(disk.path());
      try (LoopDevice part = loops.attach(disk.path(), data.offsetBytes(), data.sizeBytes())) {
        return runner.runAllowingFailure(io.rescuefleet.station.process.Command.of("fsck.exfat", "-n", part.path()));
      }
    }
  }

  /** Mounts the data partition of an image read-write (as a person would) and lets {@code change} edit it. */
  public void edit(Path image, Consumer<Path> change) {
    try (LoopDevice disk = loops.attach(image.toString(), 0, 0)) {
      Region data = dataRegion(disk.path());
      try (LoopDevice part = loops.attach(disk.path(), data.offsetBytes(), data.sizeBytes());
           MountedVolume mount = new Mounter(runner).mount(part.path(), io.rescuefleet.api.v1alpha1.DataFilesystem.exFAT, false)) {
        change.accept(mount.root());
      }
    }
  }

  /**
   * Flips one byte of a file on the block device itself, behind the filesystem's back: its size and
   * mtime stay what they were. Returns the disk offset flipped.
   */
  public long flipByteOnDevice(Path image, String path, long offsetInFile) {
    try (LoopDevice disk = loops.attach(image.toString(), 0, 0)) {
      Region data = dataRegion(disk.path());
      long deviceOffset;
      try (LoopDevice part = loops.attach(disk.path(), data.offsetBytes(), data.sizeBytes());
           ExfatVolume volume = ExfatVolume.open(part.path()).orElseThrow()) {
        FileExtents extents = volume.extents(path).orElseThrow();
        FileExtents.Extent e = extents.extents().stream()
            .filter(x -> offsetInFile >= x.fileOffset() && offsetInFile < x.fileOffset() + x.length()).findFirst().orElseThrow();
        deviceOffset = data.offsetBytes() + e.deviceOffset() + (offsetInFile - e.fileOffset());
      }
      long block = RawDevice.alignDown(deviceOffset);
      ByteBuffer buffer = RawDevice.allocate(RawDevice.ALIGNMENT);
      try (RawDevice raw = RawDevice.openForWrite(disk.path())) {
        raw.readFully(block, buffer);
        int at = (int) (deviceOffset - block);
        buffer.put(at, (byte) ~buffer.get(at));
        buffer.flip();
        raw.writeFully(block, buffer);
        raw.force();
      }
      return deviceOffset;
    }
  }

  /**
   * Flips one byte of image {@code index} wherever its content lies on the stick, found by searching
   * the disk for the bytes around it (for filesystems without an extent reader), written through the
   * block device. Returns the disk offset flipped.
   */
  public long flipByteOnDeviceByContent(Path image, int index, long offsetInFile) {
    try {
      byte[] needle = new byte[64];
      try (RandomAccessFile source = new RandomAccessFile(images.get(index).file().toFile(), "r")) {
        source.seek(offsetInFile);
        source.readFully(needle);
      }
      byte[] disk = Files.readAllBytes(image);
      long found = -1;
      for (int i = 0; i + needle.length <= disk.length && found < 0; i += 512) {
        if (Arrays.equals(disk, i, i + needle.length, needle, 0, needle.length)) {
          found = i;
        }
      }
      if (found < 0) {
        throw new IllegalStateException("image " + index + " not found on " + image + " at a sector boundary");
      }
      try (LoopDevice device = loops.attach(image.toString(), 0, 0); RawDevice raw = RawDevice.openForWrite(device.path())) {
        long block = RawDevice.alignDown(found);
        ByteBuffer buffer = RawDevice.allocate(RawDevice.ALIGNMENT);
        raw.readFully(block, buffer);
        int at = (int) (found - block);
        buffer.put(at, (byte) ~buffer.get(at));
        buffer.flip();
        raw.writeFully(block, buffer);
        raw.force();
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Zeroes the first {@code sectors} sectors of the image: the MBR, and the primary GPT with 34. */
  public static void wipeTable(Path image, int sectors) {
    try (var ch = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(sectors * 512), 0);
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Region dataRegion(String disk) {
    PartitionTable table = new TableProbe(runner).read(disk);
    return table.partition(1).orElseThrow(() -> new IllegalStateException("no data partition on " + disk)).region();
  }

  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static long mib(long n) {
    return n << 20;
  }

  public static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
