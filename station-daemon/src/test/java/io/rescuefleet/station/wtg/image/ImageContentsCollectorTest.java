package io.rescuefleet.station.wtg.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageContentsCollectorTest {
  private static final String SHA1 = "f572d396fae9206628714fb2ce00f72e94f2258f";

  private static WimFile file(String path, long size) {
    return new WimFile(path, 0x20, size, SHA1);
  }

  private static ImageContents collect(long seed, String drivers, List<WimFile> files) {
    ImageContentsCollector c = new ImageContentsCollector(seed, drivers);
    files.forEach(c);
    return c.contents();
  }

  @Test
  void findsTheBootFilesTheTemplateAndTheDriverFolderWhateverTheirCase() {
    ImageContents contents = collect(1, "Drivers/USB3/", List.of(
        new WimFile("/drivers", 0x10, 0, null),
        new WimFile("/drivers/usb3", 0x10, 0, null),
        file("/Windows/Boot/EFI/bootmgfw.efi", 100),
        file("/Windows/Boot/EFI/en-US/bootmgfw.efi.mui", 10),
        file("/Windows/Boot/Fonts/wgl4_boot.ttf", 10),
        file("/Windows/Boot/PCAT/bootmgr", 10),
        file("/Windows/System32/config/BCD-Template", 8192)));

    assertThat(contents.efiFiles()).containsExactly("/Windows/Boot/EFI/bootmgfw.efi", "/Windows/Boot/EFI/en-US/bootmgfw.efi.mui");
    assertThat(contents.fontFiles()).containsExactly("/Windows/Boot/Fonts/wgl4_boot.ttf");
    assertThat(contents.bootManager()).contains("/Windows/Boot/EFI/bootmgfw.efi");
    assertThat(contents.bcdTemplate()).contains("/Windows/System32/config/BCD-Template");
    assertThat(contents.driversFolderPresent()).isTrue();
    assertThat(contents.files()).isEqualTo(5);
  }

  @Test
  void reportsAMissingTemplateAndDriverFolder() {
    ImageContents contents = collect(1, "drivers", List.of(file("/Windows/Boot/EFI/bootmgfw.efi", 100)));

    assertThat(contents.bcdTemplate()).isEqualTo(Optional.empty());
    assertThat(contents.driversFolderPresent()).isFalse();
  }

  @Test
  void samplesAFixedNumberOfFilesTheSameForTheSameSeedAndOthersForAnother() {
    List<WimFile> files = IntStream.range(0, 1000).mapToObj(i -> file("/Windows/System32/f" + i + ".dll", 100 + i)).toList();

    List<SampledFile> first = collect(42, null, files).samples();

    assertThat(first).hasSize(ImageContentsCollector.SAMPLES);
    assertThat(collect(42, null, files).samples()).isEqualTo(first);
    assertThat(collect(43, null, files).samples()).isNotEqualTo(first);
    assertThat(first.get(0).sha1()).isEqualTo(SHA1);
  }

  @Test
  void neverSamplesWhatWindowsRewritesLargeFilesOrFilesWithoutContent() {
    ImageContents contents = collect(1, null, List.of(
        file("/Windows/System32/config/SYSTEM", 100),
        file("/Users/Default/NTUSER.DAT", 100),
        file("/Windows/Logs/CBS/CBS.log", 100),
        file("/Windows/System32/huge.dll", ImageContentsCollector.MAX_SAMPLE_BYTES + 1),
        new WimFile("/Windows/System32/empty.dll", 0x20, 0, null),
        new WimFile("/Windows/link.dll", 0x420, 100, SHA1),
        file("/Windows/System32/kernel32.dll", 100)));

    assertThat(contents.samples()).extracting(SampledFile::path).containsExactly("/Windows/System32/kernel32.dll");
  }

  @ParameterizedTest(name = "{0} is mutable: {1}")
  @CsvSource({
      "/Windows/System32/config/SOFTWARE, true",
      "/windows/system32/CONFIG/sam, true",
      "/pagefile.sys, true",
      "/Windows/Panther/unattend.xml, true",
      "/ProgramData/Microsoft/Search/Data/index.edb, true",
      "/Windows/System32/catroot2/edb.log, true",
      "/EFI/Microsoft/Boot/BCD, true",
      "/Windows/System32/ntoskrnl.exe, false",
      "/Windows/WinSxS/amd64_x/y.dll, false",
      "/Program Files/Common Files/tool.exe, false"})
  void knowsWhatWindowsRewrites(String path, boolean mutable) {
    assertThat(MutablePaths.mutable(path)).isEqualTo(mutable);
  }
}
