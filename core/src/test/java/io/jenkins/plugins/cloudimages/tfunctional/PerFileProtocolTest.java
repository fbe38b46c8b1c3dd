package io.jenkins.plugins.cloudimages.tfunctional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerFileProtocolTest {
  private final List<PlannedTest> plan =
      List.of(new PlannedTest("tests/p_a/1.sh", null), new PlannedTest("tests/p_a/2.sh", null));
  private final ResultCollector collector = new ResultCollector(plan, LineListener.IGNORE);
  private final PerFileProtocol protocol = new PerFileProtocol(collector);

  @Test
  void shouldSplitMarkersFromOutputWithoutANewline() {
    String m = protocol.marker();
    protocol.line(m + " begin tests/p_a/1.sh");
    protocol.line("[+] Wed Nov 25 10:00:00 UTC 2026 -> PASS");
    protocol.line("no newline at the end" + m + " end 0 tests/p_a/1.sh");
    protocol.line(m + " begin tests/p_a/2.sh");
    protocol.line("##cloudimg-0000000000000000 end 0 tests/p_a/2.sh");
    protocol.line(m + " end 3 tests/p_a/2.sh");
    protocol.line(m + " done");

    List<TestCaseResult> results = collector.results();
    assertThat(results.get(0).status()).isEqualTo(TestStatus.PASSED);
    assertThat(results.get(0).output()).endsWith("no newline at the end\n");
    assertThat(results.get(1).status()).isEqualTo(TestStatus.FAILED);
    assertThat(results.get(1).message()).isEqualTo("exited with status 3");
    assertThat(results.get(1).output()).contains("##cloudimg-0000000000000000 end 0");
    assertThat(protocol.done()).isTrue();
  }

  @Test
  void shouldCountALoggedFailAsAFailureEvenWithStatusZero() {
    String m = protocol.marker();
    protocol.line(m + " begin tests/p_a/1.sh");
    protocol.line("[+] Wed Nov 25 10:00:00 UTC 2026 -> FAIL");
    protocol.line(m + " end 0 tests/p_a/1.sh");

    assertThat(collector.results().get(0).message())
        .isEqualTo("logged FAIL but exited with status 0");
  }

  @Test
  void shouldMakeAnUnguessableMarkerPerRun() {
    assertThat(protocol.marker())
        .matches("##cloudimg-[0-9a-f]{16}")
        .isNotEqualTo(new PerFileProtocol(collector).marker());
  }
}
