package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Rendering of the progress on stderr, with a clock the test moves (no sleeping). */
class StderrProgressTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long MIB = 1024 * 1024;

  private final StringWriter out = new StringWriter();
  private long now = 1_000 * SECOND;

  private StderrProgress progress(boolean terminal) {
    return new StderrProgress(new PrintWriter(out), terminal, "cloudimg publish", () -> now, 80);
  }

  @Test
  void shouldRedrawOneLineWithRateAndEtaOnATerminal() {
    StderrProgress progress = progress(true);
    progress.update("img.qcow2", 0, 100 * MIB);
    now += 2 * SECOND;
    progress.update("img.qcow2", 40 * MIB, 100 * MIB);
    now += SECOND / 1000;
    progress.update("img.qcow2", 41 * MIB, 100 * MIB); // within 100 ms: not redrawn
    now += 3 * SECOND;
    progress.update("img.qcow2", 100 * MIB, 100 * MIB);

    String text = out.toString();
    assertThat(text.split("\n", -1)).hasSize(2).endsWith("");
    assertThat(text)
        .startsWith("\rimg.qcow2: 0% 0.0 of 100.0 MiB\u001b[K")
        .contains("\rimg.qcow2: 40% 40.0 of 100.0 MiB, 20 MiB/s, ETA 3 s\u001b[K")
        .doesNotContain("41%")
        .endsWith("\rimg.qcow2: 100% 100.0 of 100.0 MiB, 20 MiB/s, 5 s\u001b[K\n");
  }

  @Test
  void shouldPrintPlainLinesEveryTenPercentOutsideATerminal() {
    StderrProgress progress = progress(false);
    for (int mib = 0; mib <= 100; mib++) {
      progress.update("img.raw", mib * MIB, 100 * MIB);
      now += SECOND / 10;
    }

    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(11).noneMatch(line -> line.contains("\r"));
    assertThat(lines[0]).isEqualTo("img.raw: 0% 0.0 of 100.0 MiB");
    assertThat(lines[5]).isEqualTo("img.raw: 50% 50.0 of 100.0 MiB, 10 MiB/s, ETA 5 s");
    assertThat(lines[10]).isEqualTo("img.raw: 100% 100.0 of 100.0 MiB, 10 MiB/s, 10 s");
  }

  @Test
  void shouldPrintLogLinesAboveTheStatusLineAndRedrawIt() {
    StderrProgress progress = progress(true);
    progress.progress("dnf install", 10);
    progress.log("Installing : bash 1/9");
    now += 65 * SECOND;
    progress.tick();
    progress.progress("dnf install", 100);

    assertThat(out.toString())
        .isEqualTo(
            "\rdnf install 10% (0 s)\u001b[K"
                + "\r\u001b[KInstalling : bash 1/9\n"
                + "\rdnf install 10% (0 s)\u001b[K"
                + "\rdnf install 10% (1:05)\u001b[K"
                + "\rdnf install 100% (1:05)\u001b[K\n");
  }

  @Test
  void shouldShowTheElapsedTimeOfAWaitingStepAndClearItWhenDone() {
    StderrProgress progress = progress(true);
    progress.waiting("booting vm-1");
    now += 42 * SECOND;
    progress.tick();
    progress.done();
    progress.log("vm-1 reachable");

    assertThat(out.toString())
        .isEqualTo(
            "booting vm-1\n"
                + "\rbooting vm-1 (0 s)\u001b[K"
                + "\rbooting vm-1 (42 s)\u001b[K"
                + "\r\u001b[K"
                + "vm-1 reachable\n");
  }

  @Test
  void shouldReportAWaitingStepEveryThirtySecondsInLogs() {
    StderrProgress progress = progress(false);
    progress.waiting("waiting until vm-1 can be reached");
    for (int second = 0; second < 95; second++) {
      now += SECOND;
      progress.tick();
    }
    progress.progress("convert to qcow2", 0);
    progress.progress("convert to qcow2", 5);
    progress.progress("convert to qcow2", 100);

    assertThat(out.toString())
        .isEqualTo(
            "waiting until vm-1 can be reached\n"
                + "waiting until vm-1 can be reached: 30 s so far\n"
                + "waiting until vm-1 can be reached: 1:00 so far\n"
                + "waiting until vm-1 can be reached: 1:30 so far\n"
                + "convert to qcow2 0% (0 s)\n"
                + "convert to qcow2 100% (0 s)\n");
  }

  @Test
  void shouldCutAStatusLineWiderThanTheTerminal() {
    StderrProgress progress = progress(true);
    progress.waiting("x".repeat(200));

    String status = out.toString().substring(out.toString().indexOf('\r') + 1);
    assertThat(status.replace("\u001b[K", "")).hasSize(79).endsWith("…");
  }

  @Test
  void shouldFormatDurationsAsAClock() {
    assertThat(StderrProgress.clock(59)).isEqualTo("59 s");
    assertThat(StderrProgress.clock(187)).isEqualTo("3:07");
    assertThat(StderrProgress.clock(3723)).isEqualTo("1:02:03");
  }
}
