package io.rescuefleet.station.wtg.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads hivexml's export of a hive into {@link HiveKey}s: one process reads a whole BCD store. */
public final class HiveXml {
  private HiveXml() {}

  /** @throws IllegalArgumentException when the text is not hivexml's export */
  public static HiveKey parse(byte[] xml) {
    Element hive;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      hive = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("hivexml printed something that is not a hive export: " + e.getMessage(), e);
    }
    List<Element> roots = children(hive, "node");
    if (!"hive".equals(hive.getTagName()) || roots.size() != 1) {
      throw new IllegalArgumentException("a hive export has one root key under <hive>");
    }
    return key(roots.get(0));
  }

  private static HiveKey key(Element node) {
    Map<String, HiveValue> values = new HashMap<>();
    for (Element v : children(node, "value")) {
      String type = v.getAttribute("type");
      String value = v.hasAttribute("value") ? v.getAttribute("value") : null;
      byte[] bytes = "base64".equals(v.getAttribute("encoding")) && value != null ? Base64.getMimeDecoder().decode(value) : null;
      List<String> strings = new ArrayList<>();
      children(v, "string").forEach(s -> strings.add(s.getTextContent()));
      values.put(v.getAttribute("key"), new HiveValue(type, bytes == null ? value : null, bytes, strings));
    }
    List<HiveKey> keys = new ArrayList<>();
    for (Element child : children(node, "node")) {
      keys.add(key(child));
    }
    return new HiveKey(node.getAttribute("name"), values, keys);
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
}
