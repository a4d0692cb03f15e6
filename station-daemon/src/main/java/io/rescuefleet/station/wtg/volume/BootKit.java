package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.station.wtg.bcd.BcdStore;
import io.rescuefleet.station.wtg.bcd.WindowsGuid;
import io.rescuefleet.station.wtg.bcd.WindowsToGoBcd;
import io.rescuefleet.station.wtg.image.WimTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The boot files and BCD store of one apply, staged on the station from the WIM itself (they need
 * nothing from the stick, so they are made while the image is being applied), then installed on the
 * volume where bcdboot puts them.
 */
final class BootKit {
  private final Path dir;
  private final BootFiles files;
  private final byte[] store;

  private BootKit(Path dir, BootFiles files, byte[] store) {
    this.dir = dir;
    this.files = files;
    this.store = store;
  }

  /** Extracts the boot files and the template into {@code dir} and builds the store pointing at the request's partition. */
  static BootKit stage(WimTool wim, BcdStore bcd, PreparedImage image, VolumeRequest request, Path dir) {
    BootFiles boot = image.boot();
    Set<String> paths = new LinkedHashSet<>();
    boot.copies().forEach(c -> paths.add(c.from()));
    paths.add(boot.template());
    wim.extract(image.wim(), image.image().index(), List.copyOf(paths), dir);
    Path template = local(dir, boot.template());
    Path store = dir.resolve("BCD");
    boolean memtest = image.contents().efiFiles().stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).endsWith("/memtest.efi"));
    String locale = image.image().defaultLanguage() == null ? "en-US" : image.image().defaultLanguage();
    String description = (image.image().name() == null ? "Windows" : image.image().name()) + " (Windows To Go)";
    bcd.build(template, store, ids -> WindowsToGoBcd.objects(request.bootDevice(),
        WindowsGuid.braced(request.applyId()), description, locale, ids, memtest));
    try {
      return new BootKit(dir, boot, Files.readAllBytes(store));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the BCD store built in " + dir, e);
    }
  }

  /** The BCD store's bytes, as they must read back from the volume. */
  byte[] store() {
    return store;
  }

  /** Copies the boot files and the store onto the mounted volume at {@code root}. */
  void install(Path root) throws IOException {
    for (BootFiles.Copy c : files.copies()) {
      Path to = root.resolve(c.to());
      Files.createDirectories(to.getParent());
      Files.copy(local(dir, c.from()), to);
    }
    Path bcd = root.resolve(BootFiles.STORE);
    Files.createDirectories(bcd.getParent());
    Files.write(bcd, store);
  }

  private static Path local(Path dir, String imagePath) {
    return dir.resolve(imagePath.substring(1));
  }
}
