package io.rescuefleet.station.wtg.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WimListingTest {
  private static final String SEPARATOR = "----------------------------------------------------------------------------\n";

  /** The shape of {@code wimlib-imagex dir --detailed}: a directory, a file with a named stream, a symlink. */
  private static final String LISTING = SEPARATOR
      + "Full Path           = \"/Windows\"\n"
      + "Short Name          = \"\"\n"
      + "Attributes          = 0x00000010\n"
      + "    FILE_ATTRIBUTE_DIRECTORY is set\n"
      + "Link Count          = 1\n"
      + "\tUnnamed data stream:\n"
      + "Hash              = 0x0000000000000000000000000000000000000000\n"
      + "Uncompressed size = 0 bytes\n"
      + "\n" + SEPARATOR
      + "Full Path           = \"/Windows/System32/x \"quoted\".dll\"\n"
      + "Short Name          = \"X~1.DLL\"\n"
      + "Attributes          = 0x00000020\n"
      + "    FILE_ATTRIBUTE_ARCHIVE is set\n"
      + "\tUnnamed data stream:\n"
      + "Hash              = 0xF572D396FAE9206628714FB2CE00F72E94F2258F\n"
      + "Uncompressed size = 6 bytes\n"
      + "Compressed size   = 6 bytes\n"
      + "\tNamed data stream \"Zone.Identifier\":\n"
      + "Hash              = 0x1111111111111111111111111111111111111111\n"
      + "Uncompressed size = 26 bytes\n"
      + "\n" + SEPARATOR
      + "Full Path           = \"/Documents and Settings\"\n"
      + "Attributes          = 0x00002416\n"
      + "\tReparse point stream:\n"
      + "Hash              = 0x2222222222222222222222222222222222222222\n"
      + "Uncompressed size = 60 bytes\n";

  @Test
  void keepsOnlyTheUnnamedStreamOfEachEntry() throws IOException {
    List<WimFile> files = new ArrayList<>();

    WimListing.read(new BufferedReader(new StringReader(LISTING)), files::add);

    assertThat(files).containsExactly(
        new WimFile("/Windows", 0x10, 0, null),
        new WimFile("/Windows/System32/x \"quoted\".dll", 0x20, 6, "f572d396fae9206628714fb2ce00f72e94f2258f"),
        new WimFile("/Documents and Settings", 0x2416, 0, null));
    assertThat(files.get(0).directory()).isTrue();
    assertThat(files.get(1).regular()).isTrue();
    assertThat(files.get(2).regular()).isFalse();
  }

  @Test
  void readsNothingFromAnEmptyListing() throws IOException {
    List<WimFile> files = new ArrayList<>();
    WimListing.read(new BufferedReader(new StringReader("")), files::add);
    assertThat(files).isEmpty();
  }
}
