package io.rescuefleet.station.wtg.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.station.wtg.image.ImageContents;
import io.rescuefleet.station.wtg.volume.BootFiles.Copy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootFilesTest {
  private static ImageContents image(Optional<String> template, Optional<String> manager) {
    return new ImageContents(10, 1000,
        List.of("/Windows/Boot/EFI/bootmgfw.efi", "/Windows/Boot/EFI/memtest.efi", "/Windows/Boot/EFI/en-US/bootmgfw.efi.mui"),
        List.of("/Windows/Boot/Fonts/wgl4_boot.ttf"), template, manager, Optional.empty(), Optional.empty(), false,
        List.of());
  }

  private static final Optional<String> TEMPLATE = Optional.of("/Windows/System32/config/BCD-Template");
  private static final Optional<String> MANAGER = Optional.of("/Windows/Boot/EFI/bootmgfw.efi");

  @Test
  void copiesWhatBcdbootCopiesForUefi() {
    BootFiles boot = BootFiles.plan(image(TEMPLATE, MANAGER), "amd64");

    assertThat(boot.configuration()).isEqualTo(BootConfiguration.Generated);
    assertThat(boot.template()).isEqualTo("/Windows/System32/config/BCD-Template");
    assertThat(boot.copies()).containsExactly(
        new Copy("/Windows/Boot/EFI/bootmgfw.efi", "EFI/Microsoft/Boot/bootmgfw.efi"),
        new Copy("/Windows/Boot/EFI/memtest.efi", "EFI/Microsoft/Boot/memtest.efi"),
        new Copy("/Windows/Boot/EFI/en-US/bootmgfw.efi.mui", "EFI/Microsoft/Boot/en-US/bootmgfw.efi.mui"),
        new Copy("/Windows/Boot/Fonts/wgl4_boot.ttf", "EFI/Microsoft/Boot/Fonts/wgl4_boot.ttf"),
        new Copy("/Windows/Boot/EFI/bootmgfw.efi", "EFI/Boot/bootx64.efi"));
  }

  @Test
  void namesTheRemovableMediaLoaderForTheArchitecture() {
    assertThat(BootFiles.plan(image(TEMPLATE, MANAGER), "arm64").copies()).last()
        .isEqualTo(new Copy("/Windows/Boot/EFI/bootmgfw.efi", "EFI/Boot/bootaa64.efi"));
  }

  @Test
  void generatesNothingWithoutATemplateOrABootManager() {
    BootFiles noTemplate = BootFiles.plan(image(Optional.empty(), MANAGER), "amd64");
    BootFiles noManager = BootFiles.plan(image(TEMPLATE, Optional.empty()), "amd64");

    assertThat(noTemplate.configuration()).isEqualTo(BootConfiguration.NotGenerated);
    assertThat(noTemplate.copies()).isEmpty();
    assertThat(noTemplate.notGeneratedBecause()).isEqualTo("the image has no Windows/System32/config/BCD-Template");
    assertThat(noManager.notGeneratedBecause()).isEqualTo("the image has no Windows/Boot/EFI/bootmgfw.efi");
  }
}
