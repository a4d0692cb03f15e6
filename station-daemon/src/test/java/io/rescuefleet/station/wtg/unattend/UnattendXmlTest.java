package io.rescuefleet.station.wtg.unattend;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.SanPolicy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class UnattendXmlTest {
  private static final UnattendSettings FULL = new UnattendSettings("win11-wtg", "WTG-30918116023", true, true,
      SanPolicy.OfflineInternal, "drivers/usb3 & hubs/", "amd64");

  /** Evaluates an XPath over the answer file with the unattend namespace bound to "u". */
  private static String at(byte[] xml, String path) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    XPath x = XPathFactory.newInstance().newXPath();
    x.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
      public String getNamespaceURI(String p) {
        return "u".equals(p) ? "urn:schemas-microsoft-com:unattend" : "http://schemas.microsoft.com/WMIConfig/2002/State";
      }

      public String getPrefix(String uri) {
        return null;
      }

      public java.util.Iterator<String> getPrefixes(String uri) {
        return null;
      }
    });
    NodeList nodes = (NodeList) x.evaluate(path, doc, XPathConstants.NODESET);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  @Test
  void putsEverySettingInThePassWindowsDocumentsForIt() throws Exception {
    byte[] xml = UnattendXml.render(FULL);

    assertThat(at(xml, "/u:unattend/u:settings[@pass='offlineServicing']"
        + "/u:component[@name='Microsoft-Windows-PartitionManager']/u:SanPolicy")).isEqualTo("4");
    assertThat(at(xml, "/u:unattend/u:settings[@pass='offlineServicing']"
        + "/u:component[@name='Microsoft-Windows-PnpCustomizationsNonWinPE']/u:DriverPaths/u:PathAndCredentials/u:Path"))
        .isEqualTo("C:\\drivers\\usb3 & hubs");
    assertThat(at(xml, "/u:unattend/u:settings[@pass='specialize']"
        + "/u:component[@name='Microsoft-Windows-Shell-Setup']/u:ComputerName")).isEqualTo("WTG-30918116023");
    assertThat(at(xml, "/u:unattend/u:settings[@pass='specialize']"
        + "/u:component[@name='Microsoft-Windows-Shell-Setup']/u:CopyProfile")).isEqualTo("true");
    assertThat(at(xml, "/u:unattend/u:settings[@pass='specialize']/u:component[@name='Microsoft-Windows-Deployment']"
        + "/u:RunSynchronous/u:RunSynchronousCommand/u:Path")).contains("PagingFiles").contains("C:\\pagefile.sys 0 0");
    assertThat(at(xml, "//u:component[@processorArchitecture!='amd64']/@name")).isNull();
    assertThat(new String(xml, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
  }

  @Test
  void writesEachSanPolicyAsItsNumberAndLeavesOutWhatIsOff() throws Exception {
    byte[] xml = UnattendXml.render(new UnattendSettings("p", "WTG-1", false, false, SanPolicy.OnlineAll, null, "arm64"));

    assertThat(at(xml, "//u:SanPolicy")).isEqualTo("1");
    assertThat(at(xml, "//u:CopyProfile")).isEqualTo("false");
    assertThat(at(xml, "//u:DriverPaths")).isNull();
    assertThat(at(xml, "//u:component[@name='Microsoft-Windows-Deployment']")).isNull();
    assertThat(at(xml, "//u:component[@name='Microsoft-Windows-Shell-Setup']/@processorArchitecture")).isEqualTo("arm64");
  }

  @Test
  void givesTheSameBytesForTheSameSettings() {
    assertThat(UnattendXml.render(FULL)).isEqualTo(UnattendXml.render(FULL));
    assertThat(UnattendXml.render(FULL)).isNotEqualTo(UnattendXml.render(new UnattendSettings("win11-wtg",
        "WTG-30918116024", true, true, SanPolicy.OfflineInternal, "drivers/usb3 & hubs/", "amd64")));
  }
}
