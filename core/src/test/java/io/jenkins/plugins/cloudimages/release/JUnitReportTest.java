package io.jenkins.plugins.cloudimages.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitReportTest {
  @TempDir Path dir;

  private JUnitReport read(String xml) throws IOException {
    Path file = dir.resolve("report.xml");
    Files.writeString(file, xml);
    return JUnitReport.read(file);
  }

  @Test
  void shouldReadSurefireTotalsAndProperties() throws Exception {
    JUnitReport report =
        read(
            "<?xml version=\"1.0\"?>\n<testsuite name=\"t_functional\" tests=\"12\" failures=\"0\""
                + " errors=\"0\" skipped=\"2\" time=\"84.25\">\n<properties>\n"
                + "<property name=\"cloudimg.image.sha256\" value=\"ab12\"/>\n"
                + "<property name=\"cloudimg.cloud\" value=\"local-qemu\"/>\n</properties>\n"
                + "<testcase name=\"a\" time=\"1\"/>\n</testsuite>\n");

    assertThat(report.summary()).isEqualTo(new TestSummary(12, 0, 0, 2, 84.25));
    assertThat(report.summary().passed()).isTrue();
    assertThat(report.testedSha256()).contains("ab12");
    assertThat(report.cloud()).contains("local-qemu");
  }

  @Test
  void shouldAddUpTestsuitesAndCountCasesWhenTotalsAreMissing() throws Exception {
    JUnitReport report =
        read(
            "<testsuites>\n<testsuite name=\"a\" tests=\"2\" failures=\"1\" errors=\"0\""
                + " time=\"1,000.5\"/>\n<testsuite name=\"b\">\n<testcase name=\"x\" time=\"2\">"
                + "<skipped/></testcase>\n<testcase name=\"y\" time=\"3\"><error/></testcase>\n"
                + "<testcase name=\"z\"/>\n</testsuite>\n</testsuites>");

    assertThat(report.summary()).isEqualTo(new TestSummary(5, 1, 1, 1, 1005.5));
    assertThat(report.summary().passed()).isFalse();
    assertThat(report.summary().verdict()).isEqualTo("1 failed, 1 errors of 5 tests");
  }

  @Test
  void shouldNotCallAReportWhereEverythingWasSkippedAPass() throws Exception {
    JUnitReport report = read("<testsuite tests=\"3\" skipped=\"3\" failures=\"0\" errors=\"0\"/>");

    assertThat(report.summary().passed()).isFalse();
    assertThat(report.summary().verdict()).startsWith("no test ran");
  }

  @Test
  void shouldFailARunTheTestStageMarkedFailedEvenWithoutFailedCases() throws Exception {
    JUnitReport report =
        read(
            "<testsuite tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\"><properties>"
                + "<property name=\"passed\" value=\"false\"/>"
                + "<property name=\"problem\" value=\"runtests.sh exited with 1\"/>"
                + "</properties></testsuite>");

    assertThat(report.passed()).isFalse();
    assertThat(report.verdict()).contains("passed=false").contains("runtests.sh exited with 1");
  }

  @Test
  void shouldNameTheFileAndLineOfMalformedXml() {
    assertThatThrownBy(() -> read("<testsuite>\n<testcase>\n</testsuite>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("report.xml:3: not a JUnit XML report");
  }

  @Test
  void shouldRefuseDoctypesSoNoExternalEntityIsEverRead() {
    assertThatThrownBy(
            () ->
                read(
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + "<testsuite name=\"&e;\"/>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a JUnit XML report");
  }

  @Test
  void shouldRefuseOtherXml() {
    assertThatThrownBy(() -> read("<html/>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("root element is <html>");
  }
}
