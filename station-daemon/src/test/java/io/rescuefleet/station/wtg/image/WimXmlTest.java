package io.rescuefleet.station.wtg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WimXmlTest {
  /** As wimlib-imagex info --extract-xml writes it: UTF-16LE with a byte order mark. */
  private static byte[] utf16(String xml) {
    return ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_16LE);
  }

  private static final String TWO_IMAGES = "<WIM><TOTALBYTES>102397</TOTALBYTES>"
      + "<IMAGE INDEX=\"2\"><NAME>Windows 11 Home</NAME><TOTALBYTES>100017</TOTALBYTES><FLAGS>Core</FLAGS></IMAGE>"
      + "<IMAGE INDEX=\"1\"><NAME>Windows 11 Pro</NAME><DESCRIPTION>desc</DESCRIPTION><TOTALBYTES>100011</TOTALBYTES>"
      + "<FLAGS>Professional</FLAGS><DISPLAYNAME>Windows 11 Pro</DISPLAYNAME>"
      + "<WINDOWS><ARCH>9</ARCH><EDITIONID>Professional</EDITIONID><LANGUAGES><LANGUAGE>de-DE</LANGUAGE>"
      + "<DEFAULT>de-DE</DEFAULT></LANGUAGES></WINDOWS></IMAGE></WIM>";

  @Test
  void readsEveryImageInIndexOrderWithItsEditionFields() {
    WimInfo info = WimXml.parse(utf16(TWO_IMAGES));

    assertThat(info.images()).extracting(WimImage::index).containsExactly(1, 2);
    assertThat(info.image(1)).contains(new WimImage(1, "Windows 11 Pro", "desc", "Windows 11 Pro", "Professional",
        "Professional", "amd64", "de-DE", 100011));
    assertThat(info.image(2)).contains(new WimImage(2, "Windows 11 Home", null, null, null, "Core", null, null, 100017));
    assertThat(info.describe()).isEqualTo("1 \"Windows 11 Pro\" (Professional), 2 \"Windows 11 Home\" (Core)");
  }

  @Test
  void mapsWindowsArchitectureNumbersToUnattendNames() {
    String xml = "<WIM><IMAGE INDEX=\"1\"><NAME>a</NAME><WINDOWS><ARCH>12</ARCH></WINDOWS></IMAGE>"
        + "<IMAGE INDEX=\"2\"><NAME>b</NAME><WINDOWS><ARCH>0</ARCH></WINDOWS></IMAGE></WIM>";

    assertThat(WimXml.parse(xml.getBytes(StandardCharsets.UTF_8)).images())
        .extracting(WimImage::architecture).containsExactly("arm64", "x86");
  }

  @Test
  void refusesWhatIsNotAWimsXml() {
    assertThatThrownBy(() -> WimXml.parse("<html/>".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("expected <WIM>");
    assertThatThrownBy(() -> WimXml.parse("not xml".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("cannot be read");
  }

  @Test
  void resolvesNoEntitiesFromTheFile() {
    String xxe = "<!DOCTYPE WIM [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><WIM><IMAGE INDEX=\"1\"><NAME>&x;</NAME>"
        + "</IMAGE></WIM>";

    assertThatThrownBy(() -> WimXml.parse(xxe.getBytes(StandardCharsets.UTF_8))).hasMessageContaining("cannot be read");
  }
}
