package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The kickstarts of this repository validate clean, strictly and with the default policy. */
class KickstartsDirectoryTest {
  static final Path KICKSTARTS = Path.of("..", "kickstarts");

  @Test
  void shouldValidateEveryKickstartCleanUnderItsSyntax() throws Exception {
    List<String> args = new ArrayList<>(List.of("validate", "--strict", "--format", "json"));
    try (Stream<Path> files = Files.list(KICKSTARTS)) {
      files.filter(f -> f.toString().endsWith(".ks")).sorted().forEach(f -> args.add(f.toString()));
    }

    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    assertThat(run.err()).isEmpty();
    JsonNode reports = new ObjectMapper().readTree(run.out());
    List<String> verdicts = new ArrayList<>();
    reports.forEach(
        r ->
            verdicts.add(
                Path.of(r.get("file").asText()).getFileName()
                    + " "
                    + r.get("syntax").asText()
                    + " "
                    + r.get("problems")));
    assertThat(verdicts)
        .containsExactly(
            "CentOS-5-i386-GenericCloud.ks RHEL5 []",
            "CentOS-5-x86_64-GenericCloud.ks RHEL5 []",
            "CentOS-6-i386-GenericCloud.ks RHEL6 []",
            "CentOS-6-x86_64-GenericCloud.ks RHEL6 []",
            "CentOS-9-x86_64-GenericCloud.ks RHEL9 []");
    assertThat(run.exit()).isZero();
  }

  @Test
  void shouldTakeContentOnlyFromCentOsAndEpel() throws Exception {
    Path policy = Files.createTempFile("centos-only", ".txt");
    try {
      Files.writeString(
          policy, "mirror.centos.org\nvault.centos.org\ndl.fedoraproject.org/pub/epel\n");
      List<String> args = new ArrayList<>(List.of("validate", "--policy", policy.toString()));
      try (Stream<Path> files = Files.list(KICKSTARTS)) {
        files.filter(f -> f.toString().endsWith(".ks")).forEach(f -> args.add(f.toString()));
      }

      assertThat(CommandRun.of(args.toArray(String[]::new)).exit()).isZero();
    } finally {
      Files.delete(policy);
    }
  }
}
