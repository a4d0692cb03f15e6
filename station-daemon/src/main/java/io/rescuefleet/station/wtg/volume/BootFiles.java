package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.station.wtg.image.ImageContents;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code bcdboot C:\Windows /s C: /f UEFI} would copy, as a pure plan: the image's
 * {@code Windows/Boot/EFI} tree to {@code EFI/Microsoft/Boot}, its fonts to
 * {@code EFI/Microsoft/Boot/Fonts}, the boot manager again as the removable-media loader
 * {@code EFI/Boot/bootx64.efi} (named for the architecture), and the BCD store built from the image's
 * template at {@code EFI/Microsoft/Boot/BCD}. Without a template or a boot manager there is nothing
 * to boot with, and nothing is copied.
 *
 * @param copies image path to volume path (both '/'-separated, the volume path without leading '/')
 * @param template the image path of the BCD template, when generated
 * @param notGeneratedBecause why not, when not
 */
public record BootFiles(
    BootConfiguration configuration, List<Copy> copies, String template, String notGeneratedBecause) {
  public static final String STORE = "EFI/Microsoft/Boot/BCD";
  static final String EFI_SOURCE = "/Windows/Boot/EFI/";
  static final String FONTS_SOURCE = "/Windows/Boot/Fonts/";
  static final String EFI_TARGET = "EFI/Microsoft/Boot/";
  private static final Map<String, String> REMOVABLE_LOADER = Map.of(
      "amd64", "EFI/Boot/bootx64.efi", "x86", "EFI/Boot/bootia32.efi", "arm64", "EFI/Boot/bootaa64.efi",
      "arm", "EFI/Boot/bootarm.efi");

  public BootFiles {
    copies = List.copyOf(copies);
  }

  /** One file to copy within the volume. */
  public record Copy(String from, String to) {}

  public static BootFiles plan(ImageContents image, String architecture) {
    Optional<String> manager = image.bootManager();
    if (image.bcdTemplate().isEmpty()) {
      return notGenerated("the image has no Windows/System32/config/BCD-Template");
    }
    if (manager.isEmpty()) {
      return notGenerated("the image has no Windows/Boot/EFI/bootmgfw.efi");
    }
    String loader = REMOVABLE_LOADER.get(architecture);
    if (loader == null) {
      return notGenerated("no UEFI loader name for architecture " + architecture);
    }
    List<Copy> copies = new ArrayList<>();
    image.efiFiles().forEach(f -> copies.add(new Copy(f, EFI_TARGET + below(f, EFI_SOURCE))));
    image.fontFiles().forEach(f -> copies.add(new Copy(f, EFI_TARGET + "Fonts/" + below(f, FONTS_SOURCE))));
    copies.add(new Copy(manager.get(), loader));
    return new BootFiles(BootConfiguration.Generated, copies, image.bcdTemplate().get(), null);
  }

  private static BootFiles notGenerated(String why) {
    return new BootFiles(BootConfiguration.NotGenerated, List.of(), null, why);
  }

  /** The part of {@code path} below {@code dir}, keeping the image's spelling. */
  private static String below(String path, String dir) {
    if (!path.toLowerCase(Locale.ROOT).startsWith(dir.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(path + " is not under " + dir);
    }
    return path.substring(dir.length());
  }
}
