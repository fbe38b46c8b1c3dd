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
}
