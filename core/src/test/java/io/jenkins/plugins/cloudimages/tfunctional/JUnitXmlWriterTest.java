package io.jenkins.plugins.cloudimages.tfunctional;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlWriterTest {
  @TempDir Path dir;

  private static final TFunctionalResult RESULT =
      new TFunctionalResult(
          TFunctionalConfig.Mode.PER_FILE,
          "root@10.0.0.5:22",
          "https://git.example/t_functional.git @ master",
          "8",
          List.of(
              new TestCaseResult(
                  "tests/p_bash/10_version.sh",
                  TestStatus.PASSED,
                  null,
                  "[+] date -> PASS\n",
                  Duration.ofMillis(1250)),
              new TestCaseResult(
                  "tests/p_gzip/20-gzip-test",
                  TestStatus.FAILED,
                  "FAIL (exited with status 1)",
                  "colour \u001b[31mred\u001b[0m & <tags>\n[+] date -> FAIL\n",
                  Duration.ofSeconds(2)),
              new TestCaseResult(
                  "tests/p_net/10_dns.sh",
                  TestStatus.ERROR,
                  "the connection was lost",
                  "",
                  Duration.ZERO),
              new TestCaseResult(
                  "tests/z_last/10_last.sh",
                  TestStatus.SKIPPED,
                  "not run: the time budget of 10m ran out",
                  "",
                  Duration.ZERO)),
          false,
          "the time budget of 10m ran out",
          false,
          Instant.parse("2026-11-25T10:00:00.123Z"),
          Duration.ofMillis(3500),
          "runner says hello\n");

  @Test
  void shouldWriteTheSchemaJenkinsReads() throws Exception {
    Document xml = parse(bytes(RESULT));

    Element suite = xml.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("t_functional");
    assertThat(suite.getAttribute("tests")).isEqualTo("4");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    assertThat(suite.getAttribute("time")).isEqualTo("3.500");
    assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-25T10:00:00");
    NodeList cases = suite.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(4);
    Element passed = (Element) cases.item(0);
    assertThat(passed.getAttribute("classname")).isEqualTo("t_functional.p_bash");
    assertThat(passed.getAttribute("name")).isEqualTo("10_version.sh");
    assertThat(passed.getAttribute("time")).isEqualTo("1.250");
    assertThat(passed.getElementsByTagName("failure").getLength()).isZero();
    Element failed = (Element) cases.item(1);
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("FAIL (exited with status 1)");
    assertThat(failure.getTextContent()).contains("& <tags>").contains("\uFFFD[31mred");
    assertThat(failed.getElementsByTagName("system-out").item(0).getTextContent())
        .contains("[+] date -> FAIL");
    Element error = (Element) ((Element) cases.item(2)).getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message")).isEqualTo("the connection was lost");
    Element skipped = (Element) ((Element) cases.item(3)).getElementsByTagName("skipped").item(0);
    assertThat(skipped.getAttribute("message"))
        .isEqualTo("not run: the time budget of 10m ran out");
    assertThat(xml.getElementsByTagName("property").getLength()).isEqualTo(5);
  }

  @Test
  void shouldReplaceAnExistingReportWhole() throws Exception {
    Path report = dir.resolve("out/junit.xml");
    Files.createDirectories(report.getParent());
    Files.writeString(report, "old");

    JUnitXmlWriter.write(RESULT, report);

    assertThat(parse(Files.readAllBytes(report)).getDocumentElement().getAttribute("tests"))
        .isEqualTo("4");
    try (var files = Files.list(report.getParent())) {
      assertThat(files).containsExactly(report);
    }
  }

  private static byte[] bytes(TFunctionalResult result) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JUnitXmlWriter.write(result, out);
    return out.toByteArray();
  }

  private static Document parse(byte[] xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml));
  }
}
