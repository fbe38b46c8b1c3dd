package io.jenkins.plugins.cloudimages.tfunctional;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a result in the Ant/Surefire JUnit XML schema that Jenkins' JUnit plugin reads: one {@code
 * testsuite} with its counts, one {@code testcase} per file (class {@code
 * t_functional.<directory>}, name the file), {@code failure}/{@code error}/{@code skipped} with a
 * message, and the output in {@code system-out}.
 */
public final class JUnitXmlWriter {
  static final String SUITE_NAME = "t_functional";
  private static final int FAILURE_TAIL_LINES = 30;

  private JUnitXmlWriter() {}

  /** Writes the report to {@code file} atomically (a reader never sees half a report). */
  public static void write(TFunctionalResult result, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temporary = Files.createTempFile(dir, ".junit-", ".xml.tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        write(result, out);
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  public static void write(TFunctionalResult result, OutputStream out) throws IOException {
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      TFunctionalSummary summary = result.summary();
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", SUITE_NAME);
      xml.writeAttribute("tests", Integer.toString(summary.tests()));
      xml.writeAttribute("failures", Integer.toString(summary.failures()));
      xml.writeAttribute("errors", Integer.toString(summary.errors()));
      xml.writeAttribute("skipped", Integer.toString(summary.skipped()));
      xml.writeAttribute("time", seconds(summary.time()));
      xml.writeAttribute(
          "timestamp",
          DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
              result.started().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
      xml.writeAttribute("hostname", clean(result.target()));
      xml.writeCharacters("\n  ");
      xml.writeStartElement("properties");
      property(xml, "mode", result.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      property(xml, "suite", result.suite());
      property(xml, "release", result.release());
      property(xml, "passed", Boolean.toString(result.passed()));
      if (result.problem() != null) {
        property(xml, "problem", result.problem());
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      for (TestCaseResult test : result.cases()) {
        testCase(xml, test);
      }
      xml.writeCharacters("\n  ");
      xml.writeStartElement("system-out");
      xml.writeCharacters(clean(result.runnerOutput()));
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
    }
  }

  private static void testCase(XMLStreamWriter xml, TestCaseResult test) throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", SUITE_NAME + "." + clean(test.directory()));
    xml.writeAttribute("name", clean(test.name()));
    xml.writeAttribute("time", seconds(test.time()));
    String message = test.message() == null ? "" : clean(test.message());
    switch (test.status()) {
      case FAILED -> {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("failure");
        xml.writeAttribute("message", message);
        xml.writeAttribute("type", "FAIL");
        xml.writeCharacters(clean(tail(test.output())));
        xml.writeEndElement();
      }
      case ERROR -> {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("error");
        xml.writeAttribute("message", message);
        xml.writeAttribute("type", "ERROR");
        xml.writeCharacters(clean(tail(test.output())));
        xml.writeEndElement();
      }
      case SKIPPED -> {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("skipped");
        xml.writeAttribute("message", message);
      }
      case PASSED -> {}
    }
    if (!test.output().isEmpty()) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("system-out");
      xml.writeCharacters(clean(test.output()));
      xml.writeEndElement();
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static void property(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", clean(value == null ? "" : value));
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    int start = Math.max(0, lines.length - FAILURE_TAIL_LINES);
    return String.join("\n", java.util.Arrays.asList(lines).subList(start, lines.length));
  }

  private static String seconds(java.time.Duration time) {
    return String.format(Locale.ROOT, "%.3f", time.toMillis() / 1000.0);
  }

  /** Drops the characters XML 1.0 cannot carry (terminal control codes in test output). */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed =
          c == '\t'
              || c == '\n'
              || c == '\r'
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (Character.isHighSurrogate(c)
                  && i + 1 < text.length()
                  && Character.isLowSurrogate(text.charAt(i + 1)));
      if (allowed) {
        out.append(c);
        if (Character.isHighSurrogate(c)) {
          out.append(text.charAt(++i));
        }
      } else {
        out.append('\uFFFD');
      }
    }
    return out.toString();
  }
}
