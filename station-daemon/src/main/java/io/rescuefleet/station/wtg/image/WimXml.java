package io.rescuefleet.station.wtg.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the XML a WIM carries about its images (what {@code wimlib-imagex info --xml} prints, UTF-16
 * with a byte order mark). Only the fields image selection and unattend.xml need are read.
 */
public final class WimXml {
  /** The WIM XML's {@code WINDOWS/ARCH} numbers (PROCESSOR_ARCHITECTURE_*) to unattend.xml's names. */
  private static final Map<String, String> ARCHITECTURES = Map.of("0", "x86", "5", "arm", "9", "amd64", "12", "arm64");

  private WimXml() {}

  /** @throws IllegalArgumentException when the bytes are not a WIM's XML */
  public static WimInfo parse(byte[] xml) {
    Element root;
    try {
      root = builder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException("the image's XML cannot be read: " + e.getMessage(), e);
    }
    if (!"WIM".equals(root.getTagName())) {
      throw new IllegalArgumentException("the image's XML has root <" + root.getTagName() + ">, expected <WIM>");
    }
    List<WimImage> images = new ArrayList<>();
    for (Element image : children(root, "IMAGE")) {
      Element windows = child(image, "WINDOWS");
      String arch = windows == null ? null : text(windows, "ARCH");
      Element languages = windows == null ? null : child(windows, "LANGUAGES");
      images.add(new WimImage(
          Integer.parseInt(image.getAttribute("INDEX").strip()),
          text(image, "NAME"),
          text(image, "DESCRIPTION"),
          text(image, "DISPLAYNAME"),
          windows == null ? null : text(windows, "EDITIONID"),
          text(image, "FLAGS"),
          arch == null ? null : ARCHITECTURES.get(arch.strip()),
          languages == null ? null : text(languages, "DEFAULT"),
          parseLong(text(image, "TOTALBYTES"))));
    }
    images.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return new WimInfo(images);
  }

  /** A parser that resolves no external entities: the XML comes from a downloaded file. */
  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
    }
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        found.add(e);
      }
    }
    return found;
  }

  private static Element child(Element parent, String tag) {
    List<Element> found = children(parent, tag);
    return found.isEmpty() ? null : found.get(0);
  }

  private static String text(Element parent, String tag) {
    Element e = child(parent, tag);
    if (e == null) {
      return null;
    }
    String t = e.getTextContent().strip();
    return t.isEmpty() ? null : t;
  }

  private static long parseLong(String s) {
    try {
      return s == null ? -1 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
