package io.jenkins.plugins.cloudimages.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A JUnit XML report in the Surefire/Ant format ({@code <testsuite>} or {@code <testsuites>}),
 * reduced to its totals and its {@code <properties>}. The test stage records what it tested as
 * properties: {@value #SHA256_PROPERTY} (the image digest) and {@value #CLOUD_PROPERTY}.
 */
public record JUnitReport(Path file, TestSummary summary, Map<String, String> properties) {

  /** The sha256 of the image the tests ran against, written by the test stage. */
  public static final String SHA256_PROPERTY = "cloudimg.image.sha256";

  /** The cloud the tests ran on, written by the test stage. */
  public static final String CLOUD_PROPERTY = "cloudimg.cloud";

  /** Written by the t_functional stage: whether the whole run passed. */
  public static final String PASSED_PROPERTY = "passed";

  public JUnitReport {
    properties = Map.copyOf(properties);
  }

  public Optional<String> testedSha256() {
    return Optional.ofNullable(properties.get(SHA256_PROPERTY));
  }

  /**
   * The summary, failed outright when the test stage recorded {@value #PASSED_PROPERTY}=false (e.g.
   * the suite could not start, so no test case failed but nothing passed either).
   */
  public boolean passed() {
    return summary.passed() && !"false".equalsIgnoreCase(properties.get(PASSED_PROPERTY));
  }

  /** Why it did not pass (or how it passed). */
  public String verdict() {
    if (summary.passed() && !passed()) {
      String problem = properties.get("problem");
      return "the test stage marked the run failed (property "
          + PASSED_PROPERTY
          + "=false"
          + (problem == null ? "" : ": " + problem)
          + ")";
    }
    return summary.verdict();
  }

  public Optional<String> cloud() {
    return Optional.ofNullable(properties.get(CLOUD_PROPERTY));
  }

  /** Reads a report; an unreadable or malformed file fails with its name (and line). */
  public static JUnitReport read(Path file) throws IOException {
    Document document;
    try (InputStream in = Files.newInputStream(file)) {
      document = newBuilder().parse(in);
    } catch (SAXParseException e) {
      throw new IOException(
          file + ":" + e.getLineNumber() + ": not a JUnit XML report: " + e.getMessage(), e);
    } catch (SAXException e) {
      throw new IOException(file + ": not a JUnit XML report: " + e.getMessage(), e);
    }
    Element root = document.getDocumentElement();
    Map<String, String> properties = new LinkedHashMap<>();
    TestSummary summary;
    switch (root.getTagName()) {
      case "testsuite" -> summary = suite(root, properties);
      case "testsuites" -> {
        summary = TestSummary.EMPTY;
        for (Element suite : children(root, "testsuite")) {
          summary = summary.plus(suite(suite, properties));
        }
        collectProperties(root, properties);
      }
      default ->
          throw new IOException(
              file
                  + ": not a JUnit XML report: root element is <"
                  + root.getTagName()
                  + ">, expected <testsuite> or <testsuites>");
    }
    return new JUnitReport(file, summary, properties);
  }

  private static TestSummary suite(Element suite, Map<String, String> properties) {
    collectProperties(suite, properties);
    TestSummary nested = TestSummary.EMPTY;
    for (Element child : children(suite, "testsuite")) {
      nested = nested.plus(suite(child, properties));
    }
    TestSummary counted = countCases(suite).plus(nested);
    return new TestSummary(
        intAttribute(suite, "tests", counted.tests()),
        intAttribute(suite, "failures", counted.failures()),
        intAttribute(suite, "errors", counted.errors()),
        intAttribute(suite, "skipped", counted.skipped()),
        doubleAttribute(suite, "time", counted.seconds()));
  }

  /** The totals from the {@code <testcase>} elements, for reports whose suite lacks them. */
  private static TestSummary countCases(Element suite) {
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    double seconds = 0;
    for (Element testCase : children(suite, "testcase")) {
      tests++;
      if (!children(testCase, "failure").isEmpty()) {
        failures++;
      } else if (!children(testCase, "error").isEmpty()) {
        errors++;
      } else if (!children(testCase, "skipped").isEmpty()) {
        skipped++;
      }
      seconds += doubleAttribute(testCase, "time", 0);
    }
    return new TestSummary(tests, failures, errors, skipped, seconds);
  }

  private static void collectProperties(Element element, Map<String, String> into) {
    for (Element block : children(element, "properties")) {
      for (Element property : children(block, "property")) {
        into.putIfAbsent(property.getAttribute("name"), property.getAttribute("value"));
      }
    }
  }

  private static java.util.List<Element> children(Element parent, String name) {
    java.util.List<Element> found = new java.util.ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static int intAttribute(Element element, String name, int fallback) {
    String value = element.getAttribute(name).strip();
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static double doubleAttribute(Element element, String name, double fallback) {
    // Ant writes times like "1,234.567" in some locales.
    String value = element.getAttribute(name).strip().replace(",", "");
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static DocumentBuilder newBuilder() throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler());
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IOException("no XML parser available: " + e.getMessage(), e);
    }
  }
}
