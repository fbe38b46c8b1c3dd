package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private static final String GOOD =
      """
      url --url=http://mirror.centos.org/centos/6/os/x86_64/
      lang en_US.UTF-8
      keyboard us
      rootpw --iscrypted --lock !!
      %packages
      openssh-server
      %end
      """;
  private static final String BAD =
      """
      url --url=http://mirrors.kernel.org/centos/6/os/x86_64/
      lang en_US.UTF-8
      frobnicate --now
      %post
      curl -o /tmp/x https://repos.fedorapeople.org/x
      %end
      """;

  @TempDir Path dir;

  @Test
  void shouldPrintCompilerStyleLinesThenASummary() throws Exception {
    Path good = write("CentOS-6-x86_64-Good.ks", GOOD);
    Path bad = write("CentOS-6-x86_64-Bad.ks", BAD);

    CommandRun run = CommandRun.of("validate", good.toString(), bad.toString());

    assertThat(run.exit()).isEqualTo(1);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith(bad + ":1: error: host mirrors.kernel.org is not allowed");
    assertThat(lines.get(1)).startsWith(bad + ":3: error: ").contains("frobnicate");
    assertThat(lines.get(2)).startsWith(bad + ":5: error: host repos.fedorapeople.org");
    assertThat(lines.get(3))
        .isEqualTo("2 files checked: 1 valid, 1 invalid (3 errors, 0 warnings)");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void shouldPrintOneJsonArrayInArgumentOrder() throws Exception {
    Path bad = write("CentOS-6-x86_64-Bad.ks", BAD);
    Path good = write("CentOS-5-i386-Good.ks", GOOD.replace("--lock ", ""));
    Files.createDirectory(dir.resolve("CentOS-5-i386-Good.json"));

    CommandRun run = CommandRun.of("validate", "--format", "json", bad.toString(), good.toString());

    assertThat(run.exit()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(2);
    JsonNode first = json.get(0);
    assertThat(first.get("file").asText()).isEqualTo(bad.toString());
    assertThat(first.get("syntax").asText()).isEqualTo("RHEL6");
    assertThat(first.get("valid").asBoolean()).isFalse();
    List<String> kinds = new ArrayList<>();
    first
        .get("problems")
        .forEach(p -> kinds.add(p.get("kind").asText() + "@" + p.get("line").asInt()));
    assertThat(kinds).containsExactly("policy@1", "syntax@3", "policy@5");
    assertThat(first.get("problems").get(0).get("severity").asText()).isEqualTo("error");
    JsonNode second = json.get(1);
    assertThat(second.get("syntax").asText()).isEqualTo("RHEL5");
    assertThat(second.get("valid").asBoolean()).isFalse();
    JsonNode metadataProblem = second.get("problems").get(0);
    assertThat(metadataProblem.get("line").isNull()).isTrue();
    assertThat(metadataProblem.get("kind").asText()).isEqualTo("metadata");
    assertThat(metadataProblem.get("message").asText()).contains("CentOS-5-i386-Good.json");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void shouldAcceptValidKickstarts() throws Exception {
    Path good = write("CentOS-6-x86_64-Good.ks", GOOD);

    CommandRun run = CommandRun.of("validate", good.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n");
  }

  @Test
  void shouldCountWarningsAsErrorsOnlyWhenStrict() throws Exception {
    Path file =
        write(
            "centos-7.ks",
            "url --url=http://mirror.centos.org/centos/7/os/x86_64/\n%packages --nobase\n%end\n");

    CommandRun lenient = CommandRun.of("validate", file.toString());
    CommandRun strict = CommandRun.of("validate", "--strict", file.toString());

    assertThat(lenient.exit()).isZero();
    assertThat(lenient.out()).contains(file + ":2: warning: ");
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.out()).contains(file + ":2: error: ");
  }

  @Test
  void shouldSkipThePolicyOrUseAnotherOne() throws Exception {
    Path file =
        write(
            "centos-6.ks",
            "url --url=http://mirrors.kernel.org/centos/6/os/x86_64/\n"
                + "repo --name=local --baseurl=https://mirror.example.org/centos/6/extras/\n");
    Path policy =
        write(
            "policy.txt", "# our mirrors\nmirrors.kernel.org/centos\nhttps://mirror.example.org\n");

    assertThat(CommandRun.of("validate", file.toString()).exit()).isEqualTo(1);
    assertThat(CommandRun.of("validate", "--no-policy", file.toString()).exit()).isZero();
    assertThat(CommandRun.of("validate", "--policy", policy.toString(), file.toString()).exit())
        .isZero();
  }

  @Test
  void shouldChooseTheSyntaxExplicitlyOrFromTheFileName() throws Exception {
    Path file =
        write("CentOS-5-x86_64-X.ks", "url --url=http://vault.centos.org/5.11/os/x86_64/\n");

    JsonNode byName = json(CommandRun.of("validate", "--format", "json", file.toString()));
    JsonNode explicit =
        json(CommandRun.of("validate", "--format=json", "--syntax", "rhel8", file.toString()));

    assertThat(byName.get(0).get("syntax").asText()).isEqualTo("RHEL5");
    assertThat(explicit.get(0).get("syntax").asText()).isEqualTo("RHEL8");
  }

  @Test
  void shouldExitTwoOnUsageErrors() throws Exception {
    String file = write("centos-6.ks", GOOD).toString();
    String badPolicy = write("bad-policy.txt", "mirror.centos.org\nhttp://\n").toString();
    List<List<String>> usages =
        List.of(
            List.of("validate"),
            List.of("validate", "--syntax", "RHEL4", file),
            List.of("validate", "--format", "xml", file),
            List.of("validate", "--no-policy", "--policy", badPolicy, file),
            List.of("validate", "--policy", badPolicy, file),
            List.of("validate", "--policy", dir.resolve("missing.txt").toString(), file),
            List.of("validate", "--mirror-map", "http://mirror.centos.org/", file),
            List.of("validate", "--root", dir.resolve("nowhere").toString(), file),
            List.of("validate", "--frobnicate", file));

    for (List<String> args : usages) {
      CommandRun run = CommandRun.of(args.toArray(String[]::new));
      assertThat(run.exit()).as("%s", args).isEqualTo(2);
      assertThat(run.out()).as("%s", args).isEmpty();
      assertThat(run.err()).as("%s", args).isNotBlank().doesNotContain("Exception");
    }
    assertThat(CommandRun.of("validate", "--policy", badPolicy, file).err())
        .contains(badPolicy + ":2: ");
  }

  @Test
  void shouldExitTwoWhenAFileCannotBeRead() throws Exception {
    String good = write("centos-6.ks", GOOD).toString();
    String missing = dir.resolve("missing.ks").toString();

    CommandRun run = CommandRun.of("validate", good, missing);
    CommandRun folder = CommandRun.of("validate", dir.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo("cloudimg validate: cannot read " + missing + ": it does not exist\n");
    assertThat(folder.exit()).isEqualTo(2);
    assertThat(folder.err()).contains("it is a directory");
  }

  @Test
  void shouldReportAcceptedMirrorMapsNothingElse() throws Exception {
    Path file = write("centos-6.ks", GOOD);

    CommandRun run =
        CommandRun.of(
            "validate",
            "--mirror-map",
            "http://mirror.centos.org/=http://127.0.0.1:8080/",
            "--mirror-map=http://dl.fedoraproject.org/pub/epel/=file:///srv/epel/",
            file.toString());

    assertThat(run.exit()).isZero();
  }

  private static JsonNode json(CommandRun run) throws Exception {
    return new ObjectMapper().readTree(run.out());
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
