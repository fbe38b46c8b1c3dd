package io.jenkins.plugins.cloudimages.tfunctional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntestsProtocolTest {
  private static final List<PlannedTest> PLAN =
      List.of(
          new PlannedTest("tests/0_common/00_repos.sh", null),
          new PlannedTest("tests/0_common/30_dns.sh", null),
          new PlannedTest("tests/p_bash/10_version.sh", null),
          new PlannedTest("tests/p_gzip/10_gzip.sh", "disabled in skipped-tests.list: bug"),
          new PlannedTest("tests/p_skip/10_skip.sh", null),
          new PlannedTest("tests/z_last/10_last.sh", null));

  private final List<String> live = new ArrayList<>();
  private final ResultCollector collector = new ResultCollector(PLAN, live::add);
  private final RuntestsProtocol protocol = new RuntestsProtocol(collector);

  @Test
  void shouldPassSilentFilesWhenALaterOneAnnouncesItself() {
    feed(
        "[+] Wed Nov 25 10:00:00 UTC 2026 -> CentOS QA ./runtests.sh starting.",
        "[+] Wed Nov 25 10:00:01 UTC 2026 -> Running ./tests/0_common/30_dns.sh - DNS works",
        "[+] Wed Nov 25 10:00:01 UTC 2026 -> PASS",
        "[+] Wed Nov 25 10:00:02 UTC 2026 -> Running ./tests/p_bash/10_version.sh - version",
        "bash output",
        "[+] Wed Nov 25 10:00:02 UTC 2026 -> PASS",
        "[+] Wed Nov 25 10:00:03 UTC 2026 -> Running ./tests/p_skip/10_skip.sh - not here",
        "[+] Wed Nov 25 10:00:03 UTC 2026 -> Running in container -> SKIP",
        "[+] Wed Nov 25 10:00:04 UTC 2026 -> QA t_functional tests finished.");
    protocol.exited(0);

    assertThat(statuses())
        .containsExactly(
            "tests/0_common/00_repos.sh PASSED " + RuntestsProtocol.SILENT_PASS,
            "tests/0_common/30_dns.sh PASSED null",
            "tests/p_bash/10_version.sh PASSED null",
            "tests/p_gzip/10_gzip.sh SKIPPED disabled in skipped-tests.list: bug",
            "tests/p_skip/10_skip.sh SKIPPED SKIP: Running in container",
            "tests/z_last/10_last.sh PASSED " + RuntestsProtocol.SILENT_PASS);
    assertThat(collector.results().get(2).output()).contains("bash output");
    assertThat(collector.runnerOutput()).contains("CentOS QA ./runtests.sh starting.");
    assertThat(protocol.finished()).isTrue();
  }

  @Test
  void shouldFailTheLastAnnouncedFileAndNotRunTheRest() {
    feed(
        "[+] Wed Nov 25 10:00:01 UTC 2026 -> Running ./tests/p_bash/10_version.sh - version",
        "[+] Wed Nov 25 10:00:02 UTC 2026 -> FAIL");
    protocol.exited(1);

    assertThat(statuses())
        .containsExactly(
            "tests/0_common/00_repos.sh PASSED " + RuntestsProtocol.SILENT_PASS,
            "tests/0_common/30_dns.sh PASSED " + RuntestsProtocol.SILENT_PASS,
            "tests/p_bash/10_version.sh FAILED FAIL (exited with status 1)",
            "tests/p_gzip/10_gzip.sh SKIPPED disabled in skipped-tests.list: bug",
            "tests/p_skip/10_skip.sh SKIPPED not run: runtests.sh stops at the first failing file",
            "tests/z_last/10_last.sh SKIPPED not run: runtests.sh stops at the first failing file");
    assertThat(protocol.finished()).isFalse();
  }

  @Test
  void shouldReportAFailureBeforeAnyTestAsTheRunners() {
    feed("[+] ERROR : not even able to install bind-utils pkg so all t_functional tests will fail");
    protocol.exited(1);

    assertThat(collector.results()).allMatch(r -> r.status() == TestStatus.SKIPPED);
    assertThat(collector.runnerOutput())
        .contains("not even able to install bind-utils")
        .contains("runtests.sh exited with status 1 outside any test that announced itself");
  }

  private void feed(String... lines) {
    for (String line : lines) {
      protocol.line(line);
    }
  }

  private List<String> statuses() {
    return collector.results().stream()
        .map(r -> r.path() + " " + r.status() + " " + r.message())
        .toList();
  }
}
