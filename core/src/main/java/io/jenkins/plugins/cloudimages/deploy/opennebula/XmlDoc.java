package io.jenkins.plugins.cloudimages.deploy.opennebula;

import io.jenkins.plugins.cloudimages.deploy.CloudException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reading XML with the JDK's DOM parser, hardened against entities and DTDs: the XML-RPC envelope
 * and the documents OpenNebula's info methods return ({@code <VM>}, {@code <IMAGE>}, pools).
 */
public final class XmlDoc {
  private XmlDoc() {}

  /** The root element of {@code xml}, which must be named {@code root}. */
  public static Element parse(String xml, String root) throws CloudException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      Element element =
          factory
              .newDocumentBuilder()
              .parse(new InputSource(new StringReader(xml)))
              .getDocumentElement();
      if (!element.getTagName().equals(root)) {
        throw new CloudException("expected <" + root + ">, got <" + element.getTagName() + ">");
      }
      return element;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new CloudException("not valid XML (" + e.getMessage() + "): " + clip(xml), 0, e);
    }
  }

  /** The first child element named {@code name}, or null. */
  public static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  static Element firstChild(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }

  public static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent != null) {
      for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals(name)) {
          found.add(e);
        }
      }
    }
    return found;
  }

  /** Every child element. */
  public static List<Element> elements(Element parent) {
    List<Element> found = new ArrayList<>();
    if (parent != null) {
      for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          found.add(e);
        }
      }
    }
    return found;
  }

  /** The text at a slash-separated path of child names ("TEMPLATE/NIC/IP"), or null. */
  public static String text(Element parent, String path) {
    Element at = parent;
    for (String name : path.split("/")) {
      at = child(at, name);
      if (at == null) {
        return null;
      }
    }
    return at.getTextContent().strip();
  }

  private static String clip(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
