package io.rescuefleet.station.wtg.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Collects {@link ImageContents} from a listing, one entry at a time. The samples are a bottom-k
 * sample keyed by a hash of the seed and the path: spread evenly over the image, the same for the same
 * seed, and different for each apply (the seed is the apply's id), so repeated applies check different
 * files. Large files are left out to keep a sampled verification quick.
 */
public final class ImageContentsCollector implements Consumer<WimFile> {
  /** Samples recorded per apply. */
  public static final int SAMPLES = 64;
  /**
   * Largest file sampled. Most of a Windows image's files are smaller; small samples keep reading them
   * back (after every apply, and on every Sampled insertion) to a small fraction of an apply's time.
   */
  public static final long MAX_SAMPLE_BYTES = 256L << 10;

  private static final String EFI_DIR = "/windows/boot/efi/";
  private static final String FONTS_DIR = "/windows/boot/fonts/";
  private static final String TEMPLATE = "/windows/system32/config/bcd-template";
  private static final String BOOT_MANAGER = EFI_DIR + "bootmgfw.efi";
  private static final String SYSTEM_HIVE = "/windows/system32/config/system";
  private static final String SOFTWARE_HIVE = "/windows/system32/config/software";

  private final long seed;
  private final String driversFolder;
  private final PriorityQueue<Keyed> samples = new PriorityQueue<>(Comparator.comparingLong(Keyed::key).reversed());
  private final List<String> efiFiles = new ArrayList<>();
  private final List<String> fontFiles = new ArrayList<>();
  private String template;
  private String bootManager;
  private String systemHive;
  private String softwareHive;
  private boolean driversPresent;
  private long files;
  private long bytes;

  /** @param driversPath the profile's driver folder relative to the image root, or null */
  public ImageContentsCollector(long seed, String driversPath) {
    this.seed = seed;
    this.driversFolder = driversPath == null ? null : "/" + trimSlashes(driversPath).toLowerCase(Locale.ROOT);
  }

  @Override
  public void accept(WimFile f) {
    String lower = f.path().toLowerCase(Locale.ROOT);
    if (f.directory()) {
      driversPresent |= lower.equals(driversFolder);
      return;
    }
    files++;
    bytes += f.size();
    if (lower.startsWith(EFI_DIR)) {
      efiFiles.add(f.path());
    } else if (lower.startsWith(FONTS_DIR)) {
      fontFiles.add(f.path());
    }
    if (lower.equals(TEMPLATE)) {
      template = f.path();
    } else if (lower.equals(BOOT_MANAGER)) {
      bootManager = f.path();
    } else if (lower.equals(SYSTEM_HIVE)) {
      systemHive = f.path();
    } else if (lower.equals(SOFTWARE_HIVE)) {
      softwareHive = f.path();
    }
    if (f.regular() && f.sha1() != null && f.size() > 0 && f.size() <= MAX_SAMPLE_BYTES && !MutablePaths.mutable(f.path())) {
      samples.add(new Keyed(mix(seed ^ f.path().hashCode() * 0x9E3779B97F4A7C15L), new SampledFile(f.path(), f.size(), f.sha1())));
      if (samples.size() > SAMPLES) {
        samples.poll();
      }
    }
  }

  public ImageContents contents() {
    List<SampledFile> chosen = samples.stream().map(Keyed::file).sorted(Comparator.comparing(SampledFile::path)).toList();
    return new ImageContents(files, bytes, efiFiles, fontFiles, Optional.ofNullable(template),
        Optional.ofNullable(bootManager), Optional.ofNullable(systemHive), Optional.ofNullable(softwareHive),
        driversPresent, chosen);
  }

  /** SplitMix64's finaliser: spreads similar inputs over the whole range. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String trimSlashes(String s) {
    String t = s.replace('\\', '/');
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  private record Keyed(long key, SampledFile file) {}
}
