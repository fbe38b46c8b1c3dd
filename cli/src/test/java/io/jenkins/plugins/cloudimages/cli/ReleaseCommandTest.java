package io.jenkins.plugins.cloudimages.cli;

import static io.jenkins.plugins.cloudimages.testing.GitRepos.show;
import static io.jenkins.plugins.cloudimages.testing.GitRepos.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCommandTest {
  static final String X86 = "CentOS-7-x86_64-GenericCloud";
  static final String I386 = "CentOS-7-i386-GenericCloud";
  static final String SHA_A = "a".repeat(64);
  static final String SHA_B = "b".repeat(64);

  @TempDir Path dir;
  Path server;
  Path passing;

  @BeforeEach
  void createRepository() throws Exception {
    server = GitRepos.bare(dir.resolve("kickstarts.git"));
    GitRepos.commit(
        server,
        "CentOS 7 images",
        Map.of(
            X86 + ".ks", "lang en_US\n",
            X86 + ".json", "{\n  \"arch\": \"x86_64\",\n  \"type\": \"kvm\"\n}\n",
            I386 + ".ks", "lang en_US\n",
            I386 + ".json", "{\n\t\"arch\": \"i386\"\n}\n"));
    passing = dir.resolve("local-qemu.xml");
    Files.writeString(
        passing,
        "<testsuite name=\"t_functional\" tests=\"7\" failures=\"0\" errors=\"0\" skipped=\"0\""
            + " time=\"12.0\"/>\n");
  }

  List<String> releaseArguments(String name, String sha) {
    return new ArrayList<>(
        List.of(
            "release",
            "--repo",
            server.toString(),
            "--metadata",
            name + ".json",
            "--image",
            name + "-261125_01.qcow2",
            "--sha256",
            sha,
            "--url",
            "https://images.example.org/7/images/" + name + "-261125_01.qcow2",
            "--junit",
            passing.toString(),
            "--cloud",
            "local-qemu"));
  }

  CloudimgProcess.Run release(String name, String sha, String... more) {
    List<String> arguments = releaseArguments(name, sha);
    arguments.addAll(List.of("--author", "Release Bot <bot@example.org>"));
    arguments.addAll(List.of(more));
    return CloudimgProcess.inProcess(arguments.toArray(String[]::new));
  }

  @Test
  void shouldPrintOneJsonDocumentAndExitZeroWhenReleasedAndWhenAlreadyReleased() throws Exception {
    CloudimgProcess.Run first = release(X86, SHA_A, "--format", "json");
    CloudimgProcess.Run second = release(X86, SHA_A, "--format", "json");

    assertThat(first.exitCode()).as(first.err()).isZero();
    JsonNode landed = new ObjectMapper().readTree(first.out());
    assertThat(landed.get("status").asText()).isEqualTo("landed");
    assertThat(landed.at("/record/clouds/0").asText()).isEqualTo("local-qemu");
    assertThat(second.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(second.out()).get("status").asText())
        .isEqualTo("already-released");
    assertThat(subjects(server))
        .containsExactly("RELEASEABLE " + X86 + "-261125_01.qcow2 aaaaaaaaaaaa", "CentOS 7 images");
  }

  @Test
  void shouldExitOneWithTheReasonWhenRefused() throws Exception {
    Files.writeString(
        passing,
        "<testsuite tests=\"7\" failures=\"0\" errors=\"0\"><properties><property"
            + " name=\"cloudimg.image.sha256\" value=\""
            + SHA_B
            + "\"/></properties></testsuite>");

    CloudimgProcess.Run run = release(X86, SHA_A);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("refused: the image's sha256 " + SHA_A + " differs from the one tested");
    assertThat(subjects(server)).containsExactly("CentOS 7 images");
  }

  @Test
  void shouldExitTwoOnUsageErrors() {
    assertThat(release(X86, "not-a-digest").exitCode()).isEqualTo(2);
    assertThat(release(X86, SHA_A, "--junit", dir.resolve("missing.xml").toString()).err())
        .contains("missing.xml: no such readable file");
    assertThat(CloudimgProcess.inProcess("release", "--repo", server.toString()).exitCode())
        .isEqualTo(2);
    assertThat(CloudimgProcess.inProcess("run", "--repo", server.toString()).exitCode())
        .isEqualTo(2);
  }

  @Test
  void shouldRefuseWithoutAnIdentity() throws Exception {
    Path home = Files.createDirectories(dir.resolve("empty-home"));
    Process process =
        CloudimgProcess.start(
            dir,
            Map.of(
                "HOME",
                home.toString(),
                "XDG_CONFIG_HOME",
                home.toString(),
                "GIT_AUTHOR_NAME",
                "",
                "GIT_COMMITTER_NAME",
                ""),
            releaseArguments(X86, SHA_A));

    CloudimgProcess.Run run = CloudimgProcess.await(process);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("no git identity").contains("--author");
  }

  @Test
  void shouldLandBothReleasesRacingFromTwoProcesses() throws Exception {
    Map<String, String> env = Map.of();
    List<String> x86 = releaseArguments(X86, SHA_A);
    x86.addAll(List.of("--author", "Jenkins x86_64 <x86@example.org>"));
    List<String> i386 = releaseArguments(I386, SHA_B);
    i386.addAll(List.of("--author", "Jenkins i386 <i386@example.org>", "--tag"));

    Process first = CloudimgProcess.start(dir, env, x86);
    Process second = CloudimgProcess.start(dir, env, i386);
    CloudimgProcess.Run a = CloudimgProcess.await(first);
    CloudimgProcess.Run b = CloudimgProcess.await(second);

    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(b.exitCode()).as(b.err()).isZero();
    assertThat(subjects(server))
        .hasSize(3)
        .contains(
            "RELEASEABLE " + X86 + "-261125_01.qcow2 aaaaaaaaaaaa",
            "RELEASEABLE " + I386 + "-261125_01.qcow2 bbbbbbbbbbbb");
    assertThat(show(server, X86 + ".json"))
        .startsWith("{\n  \"arch\": \"x86_64\",\n  \"type\": \"kvm\",\n  \"releases\": [\n    {\n");
    assertThat(show(server, I386 + ".json"))
        .startsWith("{\n\t\"arch\": \"i386\",\n\t\"releases\": [\n\t\t{\n");
    assertThat(GitRepos.git(server, "tag")).contains(I386 + "-261125_01.qcow2");
    GitRepos.assertOnlyFastForwards(server, "main");
  }
}
