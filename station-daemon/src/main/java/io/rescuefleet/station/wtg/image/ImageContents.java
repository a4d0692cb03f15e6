package io.rescuefleet.station.wtg.image;

import java.util.List;
import java.util.Optional;

/**
 * What applying an image will put where bcdboot and verification look: its boot files, its BCD
 * template, whether the profile's driver folder exists, and a fixed-size sample of its unchanging
 * files with their WIM hashes.
 *
 * @param efiFiles files under {@code Windows/Boot/EFI}, as image paths
 * @param fontFiles files under {@code Windows/Boot/Fonts}, as image paths
 * @param bcdTemplate the path of {@code Windows/System32/config/BCD-Template}, if the image has one
 * @param bootManager the path of {@code Windows/Boot/EFI/bootmgfw.efi}, if the image has one
 * @param systemHive the path of the SYSTEM registry hive, if the image has one; {@code softwareHive} likewise
 */
public record ImageContents(
    long files,
    long bytes,
    List<String> efiFiles,
    List<String> fontFiles,
    Optional<String> bcdTemplate,
    Optional<String> bootManager,
    Optional<String> systemHive,
    Optional<String> softwareHive,
    boolean driversFolderPresent,
    List<SampledFile> samples) {

  public ImageContents {
    efiFiles = List.copyOf(efiFiles);
    fontFiles = List.copyOf(fontFiles);
    samples = List.copyOf(samples);
  }
}
