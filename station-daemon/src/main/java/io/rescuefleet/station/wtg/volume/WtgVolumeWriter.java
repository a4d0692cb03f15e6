package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.BlockDevices;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.fs.Mounter;
import io.rescuefleet.station.wtg.bcd.BcdStore;
import io.rescuefleet.station.wtg.bcd.WindowsGuid;
import io.rescuefleet.station.wtg.bcd.WindowsToGoBcd;
import io.rescuefleet.station.wtg.image.WimTool;
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
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one block device a complete Windows To Go volume, in an order that never leaves a volume that
 * looks good but is not: a fresh NTFS (which also drops any old marker), the image applied by
 * wimlib-imagex, unattend.xml and the boot files written, everything read back from the medium and
 * compared with the image and with what was written, and only then the marker.
 */
public final class WtgVolumeWriter {
  private static final Logger LOG = LoggerFactory.getLogger(WtgVolumeWriter.class);
  public static final String LABEL = "Windows To Go";

  private final NtfsTools ntfs;
  private final WimTool wim;
  private final Mounter mounter;
  private final BlockDevices blocks;
  private final BcdStore bcd;

  public WtgVolumeWriter(NtfsTools ntfs, WimTool wim, Mounter mounter, BlockDevices blocks, BcdStore bcd) {
    this.ntfs = ntfs;
    this.wim = wim;
    this.mounter = mounter;
    this.blocks = blocks;
    this.bcd = bcd;
  }

  /**
   * @param device the block device of the volume (a partition, or a loop device over one)
   * @return the marker written
   * @throws WtgVerifyFailedException when something read back differs; the volume then has no marker
   */
  public WtgMarker write(String device, PreparedImage image, VolumeRequest request, LongConsumer progress) {
    long started = System.nanoTime();
    ntfs.format(device, request.startSector(), LABEL);
    wim.apply(image.wim(), image.image().index(), device, image.contents().bytes(), progress);
    byte[] store = null;
    try (MountedVolume volume = mounter.mount(device, DataFilesystem.NTFS, false)) {
      Path root = volume.root();
      write(root, UnattendXml.PATH, request.unattend());
      if (image.boot().configuration() == BootConfiguration.Generated) {
        store = bootFiles(root, image, request);
      }
      Files.createDirectories(root.resolve(WtgMarker.PATH).getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Windows To Go files on " + device, e);
    }
    blocks.dropCache(device);
    try (MountedVolume volume = mounter.mount(device, DataFilesystem.NTFS, true)) {
      List<String> wrong = new ArrayList<>(SampleCheck.mismatches(volume.root(), image.contents().samples()));
      same(volume.root(), UnattendXml.PATH, request.unattend(), wrong);
      if (store != null) {
        same(volume.root(), BootFiles.STORE, store, wrong);
      }
      if (!wrong.isEmpty()) {
        throw new WtgVerifyFailedException("Windows To Go volume " + device + " does not read back as written: "
            + String.join("; ", wrong));
      }
    }
    WtgMarker marker = new WtgMarker(WtgMarker.SCHEMA_VERSION, request.applyId().toString(), request.profile(),
        request.target(), image.sha256(), image.image().index(), image.image().name(), image.selection().edition(),
        image.architecture(), sha256(request.unattend()), image.boot().configuration(), image.boot().notGeneratedBecause(),
        store == null ? null : request.bootDevice(), request.appliedAt().toString(), image.catalog().images(), image.contents().samples());
    ntfs.put(device, WtgMarker.PATH, MarkerCodec.write(marker));
    LOG.info("windows to go volume written device={} image={} index={} boot={} samples={} seconds={}", device,
        image.sha256().substring(0, 12), image.image().index(), image.boot().configuration(),
        image.contents().samples().size(), String.format("%.2f", (System.nanoTime() - started) / 1e9));
    return marker;
  }

  /** Copies the image's boot files where bcdboot puts them and builds the BCD store; returns its bytes. */
  private byte[] bootFiles(Path root, PreparedImage image, VolumeRequest request) throws IOException {
    for (BootFiles.Copy c : image.boot().copies()) {
      Path to = root.resolve(c.to());
      Files.createDirectories(to.getParent());
      Files.copy(root.resolve(c.from().substring(1)), to);
    }
    Path work = Files.createTempDirectory("rescuefleet-bcd-");
    try {
      Path template = work.resolve("BCD-Template");
      Files.copy(root.resolve(image.boot().template().substring(1)), template);
      Path store = work.resolve("BCD");
      String loader = WindowsGuid.braced(request.applyId());
      boolean memtest = image.contents().efiFiles().stream().anyMatch(f -> f.toLowerCase().endsWith("/memtest.efi"));
      String locale = image.image().defaultLanguage() == null ? "en-US" : image.image().defaultLanguage();
      bcd.build(template, store, WindowsToGoBcd.objects(request.bootDevice(), loader,
          (image.image().name() == null ? "Windows" : image.image().name()) + " (Windows To Go)", locale,
          bcd.objectIds(template), memtest));
      byte[] bytes = Files.readAllBytes(store);
      write(root, BootFiles.STORE, bytes);
      return bytes;
    } finally {
      deleteTree(work);
    }
  }

  private static void write(Path root, String path, byte[] content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private static void same(Path root, String path, byte[] expected, List<String> wrong) {
    try {
      if (!Arrays.equals(Files.readAllBytes(root.resolve(path)), expected)) {
        wrong.add(path + " (differs from what was written)");
      }
    } catch (IOException e) {
      wrong.add(path + " (unreadable: " + e.getMessage() + ")");
    }
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
