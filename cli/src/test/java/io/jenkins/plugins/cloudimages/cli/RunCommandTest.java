package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.testing.GitRepos;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;

  @Test
  void shouldPrintWhatAPushRebuildsAsJson() throws Exception {
    Path server = GitRepos.bare(dir.resolve("kickstarts.git"));
    String before =
        GitRepos.commit(
            server,
            "Add",
            Map.of(
                "CentOS-6-x86_64-GenericCloud.ks", "lang en_US\n",
                "CentOS-6-x86_64-GenericCloud.json", "{\"arch\": [\"x86_64\", \"i386\"]}\n"));
    String after =
        GitRepos.commit(server, "Change", Map.of("CentOS-6-x86_64-GenericCloud.ks", "lang C\n"));
    GitRepos.commit(
        server,
        "RELEASEABLE CentOS-6-x86_64-GenericCloud-261125_01.qcow2 aaaaaaaaaaaa",
        Map.of("CentOS-6-x86_64-GenericCloud.json", "{\"arch\": \"x86_64\", \"releases\": []}"));

    CloudimgProcess.Run run =
        CloudimgProcess.inProcess(
            "run",
            "--repo",
            server.toString(),
            "--from",
            before,
            "--to",
            after,
            "--dry-run",
            "--format",
            "json");
    CloudimgProcess.Run released =
        CloudimgProcess.inProcess(
            "run", "--repo", server.toString(), "--dry-run", "--format", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode images = new ObjectMapper().readTree(run.out());
    assertThat(images).hasSize(2);
    assertThat(images.get(0).get("image").asText()).isEqualTo("CentOS-6-x86_64-GenericCloud");
    assertThat(images.get(0).get("kickstart").asText())
        .isEqualTo("CentOS-6-x86_64-GenericCloud.ks");
    assertThat(images.get(1).get("arch").asText()).isEqualTo("i386");
    assertThat(images.get(1).get("image").asText()).isEqualTo("CentOS-6-i386-GenericCloud");
    assertThat(images.get(0).get("reason").asText()).contains("kickstart changed");
    assertThat(released.out().strip()).isEqualTo("[ ]");
  }

  @Test
  void shouldSayWhichRevisionIsUnknown() {
    Path server = GitRepos.bare(dir.resolve("kickstarts.git"));
    GitRepos.commit(server, "Add", Map.of("a.ks", "lang C\n"));

    CloudimgProcess.Run run =
        CloudimgProcess.inProcess(
            "run", "--repo", server.toString(), "--from", "nope", "--dry-run");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--from nope: no such revision");
  }

  @Test
  void shouldRunTheStagesOnACheckoutOfTheBareRepositoryAtTheNewRevision() throws Exception {
    Path server = GitRepos.bare(dir.resolve("kickstarts.git"));
    String before =
        GitRepos.commit(
            server,
            "Add",
            Map.of(
                "CentOS-9-x86_64-Demo.ks", "lang en_US.UTF-8\n",
                "CentOS-9-x86_64-Demo.json", "{\"release\": \"9\"}\n"));
    String after =
        GitRepos.commit(
            server,
            "Break",
            Map.of("CentOS-9-x86_64-Demo.ks", "lang en_US.UTF-8\nnosuchcommand\n"));
    GitRepos.commit(server, "Later", Map.of("CentOS-9-x86_64-Demo.ks", "lang C\n"));
    Path config = dir.resolve("pipeline.json");
    java.nio.file.Files.writeString(
        config,
        """
        {"image_host": {"host": "127.0.0.1", "user": "u", "identity": "id", "known_hosts": "kh",
                        "base_url": "file:///srv"},
         "tfunctional": {"suite": "suite"}, "work": "work", "output": "out"}
        """);
    Path summary = dir.resolve("summary.json");
    java.nio.file.Files.createDirectories(dir.resolve("suite/tests"));

    CloudimgProcess.Run run =
        CloudimgProcess.inProcess(
            "run",
            "--repo",
            server.toString(),
            "--from",
            before,
            "--to",
            after,
            "--config",
            config.toString(),
            "--summary",
            summary.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode result = new ObjectMapper().readTree(summary.toFile());
    assertThat(result.get("passed").asBoolean()).isFalse();
    JsonNode stage = result.get("images").get(0).get("stages").get(0);
    assertThat(stage.get("stage").asText()).isEqualTo("validate");
    assertThat(stage.get("status").asText()).isEqualTo("failed");
    // the kickstart as of --to, not the branch tip: line 2 is the unknown command
    assertThat(stage.get("message").asText()).contains("CentOS-9-x86_64-Demo.ks:2");
  }

  @Test
  void shouldWriteWhyItCouldNotRunIntoTheSummary() throws Exception {
    Path server = GitRepos.bare(dir.resolve("kickstarts.git"));
    GitRepos.commit(server, "Add", Map.of("a.ks", "lang C\n"));
    Path summary = dir.resolve("summary.json");

    CloudimgProcess.Run run =
        CloudimgProcess.inProcess(
            "run",
            "--repo",
            server.toString(),
            "--to",
            "nope",
            "--config",
            "x.json",
            "--summary",
            summary.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(new ObjectMapper().readTree(summary.toFile()).get("error").asText())
        .contains("--to nope: no such revision");
  }
}
