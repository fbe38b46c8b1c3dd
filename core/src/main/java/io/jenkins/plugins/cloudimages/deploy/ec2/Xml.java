package io.jenkins.plugins.cloudimages.deploy.ec2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reading the EC2 Query API's XML answers with the JDK's parser: elements by local name (the
 * namespace changes with the API version), {@code xxxSet/item} lists and {@code tagSet}s.
 */
final class Xml {
  private Xml() {}

  /** The document element; DOCTYPEs are refused. */
  static Element parse(byte[] body) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setNamespaceAware(true);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(body))
          .getDocumentElement();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("not valid XML: " + e.getMessage(), e);
    }
  }

  /** The first child element named {@code name}, or null. */
  static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) {
        return e;
      }
    }
    return null;
  }

  /** The text at {@code path} below {@code parent}, or null. */
  static String text(Element parent, String... path) {
    Element e = parent;
    for (String name : path) {
      e = child(e, name);
    }
    return e == null ? null : e.getTextContent().strip();
  }

  /** The {@code item} children of {@code parent}'s child {@code set}. */
  static List<Element> items(Element parent, String set) {
    List<Element> items = new ArrayList<>();
    Element list = child(parent, set);
    if (list != null) {
      for (Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && "item".equals(localName(e))) {
          items.add(e);
        }
      }
    }
    return items;
  }

  /** The {@code tagSet} of a resource as a map. */
  static Map<String, String> tags(Element resource) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Element tag : items(resource, "tagSet")) {
      tags.put(text(tag, "key"), text(tag, "value") == null ? "" : text(tag, "value"));
    }
    return tags;
  }

  private static String localName(Element e) {
    return e.getLocalName() == null ? e.getTagName() : e.getLocalName();
  }
}
