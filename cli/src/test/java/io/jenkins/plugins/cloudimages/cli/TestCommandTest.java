package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import io.jenkins.plugins.cloudimages.testing.SampleSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TestCommandTest {
  @TempDir static Path sshdDir;
  @TempDir Path dir;
  private static LoopbackSshd sshd;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = LoopbackSshd.start(sshdDir);
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void shouldPassAndPrintOneJsonDocumentAndAJUnitReport() throws Exception {
    Path junit = dir.resolve("reports/t_functional.xml");

    int code =
        run(
            "--suite",
            SampleSuite.copyTo(dir.resolve("suite")).toString(),
            "--per-file",
            "--tests",
            "p_pass,p_skip",
            "--timeout",
            "90s",
            "--junit",
            junit.toString(),
            "--format",
            "json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("passed").asBoolean()).isTrue();
    assertThat(json.get("mode").asText()).isEqualTo("per-file");
    assertThat(json.at("/summary/tests").asInt()).isEqualTo(5);
    assertThat(json.at("/summary/skipped").asInt()).isEqualTo(1);
    assertThat(json.get("cases").get(2).get("path").asText())
        .isEqualTo("tests/p_pass/10_arithmetic.sh");
    assertThat(Files.readString(junit)).contains("<testsuite name=\"t_functional\" tests=\"5\"");
    assertThat(err.toString()).contains("Running ./tests/p_pass/10_arithmetic.sh");
  }

  @Test
  void shouldExitOneWhenATestFails() throws Exception {
    int code =
        run("--suite", SampleSuite.copyTo(dir.resolve("suite")).toString(), "--tests", "p_fail");

    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(out.toString())
        .startsWith("t_functional FAILED: 4 tests, 1 failures, 0 errors, 1 skipped")
        .contains("FAILED tests/p_fail/10_fails.sh");
  }

  @Test
  void shouldExitTwoWhenTheHostKeyDoesNotMatch() throws Exception {
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(
        knownHosts,
        "[127.0.0.1]:"
            + sshd.port()
            + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");

    int code =
        runWith(
            knownHosts,
            "--suite",
            SampleSuite.copyTo(dir.resolve("suite")).toString(),
            "--format",
            "json");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("does not match the one pinned in " + knownHosts);
    assertThat(new ObjectMapper().readTree(out.toString()).get("error").asText())
        .contains("does not match");
  }

  @Test
  void shouldExitTwoForABadDurationOrAnUnknownTestDirectory() throws Exception {
    Path suite = SampleSuite.copyTo(dir.resolve("suite"));

    assertThat(run("--suite", suite.toString(), "--timeout", "10 minutes")).isEqualTo(2);
    assertThat(err.toString()).contains("is not a duration");
    assertThat(run("--suite", suite.toString(), "--tests", "p_nope")).isEqualTo(2);
    assertThat(err.toString()).contains("no test directory tests/p_nope");
  }

  @Test
  void shouldParseDurations() {
    DurationConverter converter = new DurationConverter();
    assertThat(converter.convert("10m")).hasMinutes(10);
    assertThat(converter.convert("90s")).hasSeconds(90);
    assertThat(converter.convert("1h")).hasHours(1);
    assertThat(converter.convert("1h30m")).hasMinutes(90);
    assertThat(converter.convert("45")).hasSeconds(45);
    assertThat(converter.convert("1500ms")).hasMillis(1500);
    for (String bad : List.of("", "0s", "10x", "m", "-5s", "1.5h")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> converter.convert(bad))
          .as(bad)
          .isInstanceOf(CommandLine.TypeConversionException.class);
    }
  }

  private int run(String... args) {
    return runWith(sshd.knownHosts(), args);
  }

  private int runWith(Path knownHosts, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "test",
                "--host",
                sshd.host(),
                "--port",
                Integer.toString(sshd.port()),
                "--user",
                sshd.user(),
                "--identity",
                sshd.clientKey().toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--remote-dir",
                dir.toString()));
    all.addAll(List.of(args));
    CommandLine commandLine = Cloudimg.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(all.toArray(String[]::new));
  }
}
