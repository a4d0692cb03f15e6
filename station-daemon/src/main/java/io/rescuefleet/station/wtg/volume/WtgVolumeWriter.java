package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.BlockDevices;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.fs.Mounter;
import io.rescuefleet.station.wtg.bcd.BcdStore;
import io.rescuefleet.station.wtg.image.WimTool;
import io.rescuefleet.station.wtg.registry.Hivex;
import io.rescuefleet.station.wtg.unattend.UnattendXml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one block device a complete Windows To Go volume, in an order that never leaves a volume that
 * looks good but is not: a fresh NTFS (which also drops any old marker), the image applied by
 * wimlib-imagex, its sampled files read back from the medium and compared with the image's hashes,
 * unattend.xml and the boot files written and read back, and only then the marker.
 */
public final class WtgVolumeWriter {
  private static final Logger LOG = LoggerFactory.getLogger(WtgVolumeWriter.class);
  public static final String LABEL = "Windows To Go";
  /** Where boot kits are staged: a thread of its own, since the common pool may have none to spare. */
  private static final Executor SIDE = task -> {
    Thread t = new Thread(task, "wtg-boot-kit");
    t.setDaemon(true);
    t.start();
  };

  private final NtfsTools ntfs;
  private final WimTool wim;
  private final Mounter mounter;
  private final BlockDevices blocks;
  private final BcdStore bcd;
  private final OfflineServicing offline;

  public WtgVolumeWriter(NtfsTools ntfs, WimTool wim, Mounter mounter, BlockDevices blocks, BcdStore bcd, Hivex hivex) {
    this.ntfs = ntfs;
    this.wim = wim;
    this.mounter = mounter;
    this.blocks = blocks;
    this.bcd = bcd;
    this.offline = new OfflineServicing(hivex);
  }

  /**
   * @param device the block device of the volume (a partition, or a loop device over one)
   * @param progress bytes of image data written so far, as increments
   * @return the marker written
   * @throws WtgVerifyFailedException when something read back differs; the volume then has no marker
   */
  public WtgMarker write(String device, PreparedImage image, VolumeRequest request, LongConsumer progress) {
    long started = System.nanoTime();
    Path work = tempDirectory();
    try {
      // The boot files and the BCD store come from the WIM, not the stick: staged on a second core meanwhile.
      CompletableFuture<BootKit> boot = image.boot().configuration() == BootConfiguration.Generated
          ? CompletableFuture.supplyAsync(() -> BootKit.stage(wim, bcd, image, request, work), SIDE)
          : CompletableFuture.completedFuture(null);
      ntfs.format(device, request.startSector(), LABEL);
      wim.apply(image.wim(), image.image().index(), device, image.contents().bytes(), progress);
      long applied = System.nanoTime();
      BootKit kit = join(boot);

      List<String> wrong = new ArrayList<>();
      List<String> servicing;
      long checked;
      blocks.dropCache(device); // so the samples are read from the medium, not from what was just written
      try (MountedVolume volume = mounter.mount(device, DataFilesystem.NTFS, false)) {
        Path root = volume.root();
        wrong.addAll(SampleCheck.mismatches(root, image.contents().samples()));
        checked = System.nanoTime();
        write(root, UnattendXml.PATH, request.unattend());
        servicing = offline.service(image.contents().systemHive().map(h -> root.resolve(h.substring(1))),
            image.contents().softwareHive().map(h -> root.resolve(h.substring(1))), request.sanPolicy(),
            request.driversPath());
        if (kit != null) {
          kit.install(root);
        }
        Files.createDirectories(root.resolve(WtgMarker.PATH).getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the Windows To Go files on " + device, e);
      }
      blocks.dropCache(device);
      same(device, UnattendXml.PATH, request.unattend(), wrong);
      if (kit != null) {
        same(device, BootFiles.STORE, kit.store(), wrong);
      }
      if (!wrong.isEmpty()) {
        throw new WtgVerifyFailedException("Windows To Go volume " + device + " does not read back as written: "
            + String.join("; ", wrong));
      }
      WtgMarker marker = new WtgMarker(WtgMarker.SCHEMA_VERSION, request.applyId().toString(), request.profile(),
          request.target(), image.sha256(), image.image().index(), image.image().name(), image.selection().edition(),
          image.architecture(), sha256(request.unattend()), image.boot().configuration(), image.boot().notGeneratedBecause(),
          kit == null ? null : request.bootDevice(), request.appliedAt().toString(), image.catalog().images(),
          servicing, image.contents().samples());
      ntfs.put(device, WtgMarker.PATH, MarkerCodec.write(marker));
      long done = System.nanoTime();
      LOG.debug("windows to go phases device={} apply={} readBack={} filesAndMarker={}", device,
          seconds(applied - started), seconds(checked - applied), seconds(done - checked));
      LOG.info("windows to go volume written device={} image={} index={} boot={} samples={} seconds={}", device,
          image.sha256().substring(0, 12), image.image().index(), image.boot().configuration(),
          image.contents().samples().size(), seconds(System.nanoTime() - started));
      return marker;
    } finally {
      deleteTree(work);
    }
  }

  private static String seconds(long nanos) {
    return String.format("%.3f", nanos / 1e9);
  }

  /** The staged boot kit, or the failure that stopped staging it, as thrown there. */
  private static BootKit join(CompletableFuture<BootKit> boot) {
    try {
      return boot.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Compares a file of the unmounted volume, read with ntfscat, with what was written. */
  private void same(String device, String path, byte[] expected, List<String> wrong) {
    Optional<byte[]> actual = ntfs.bytes(device, path);
    if (actual.isEmpty()) {
      wrong.add(path + " (missing)");
    } else if (!Arrays.equals(actual.get(), expected)) {
      wrong.add(path + " (differs from what was written)");
    }
  }

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("rescuefleet-wtg-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a working directory", e);
    }
  }

  private static void write(Path root, String path, byte[] content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("temporary directory not removed dir={}", dir);
    }
  }
}
