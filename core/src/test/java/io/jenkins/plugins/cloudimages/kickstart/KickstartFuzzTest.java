package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bounded fuzz run; {@link KickstartFuzz} runs the same for as long as asked. */
class KickstartFuzzTest {
  @TempDir Path folder;

  @Test
  void shouldNeverThrowAndGiveEveryProblemAFileAndLine() throws Exception {
    KickstartFuzz fuzz = new KickstartFuzz(folder, 20260101L, 64 * 1024);

    KickstartFuzz.Report report = fuzz.run(2000, Long.MAX_VALUE);

    assertThat(report.failures()).isEmpty();
    assertThat(report.inputs()).isEqualTo(2000);
    assertThat(report.problems()).isPositive();
  }
}
