package io.jenkins.plugins.cloudimages.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.tfunctional.SuiteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigFileTest {
  @TempDir Path dir;

  private Path config(String json) throws Exception {
    return Files.writeString(dir.resolve("pipeline.json"), json);
  }

  @Test
  void shouldResolvePathsAgainstTheFileAndReadEverySection() throws Exception {
    Path file =
        config(
            """
            {
              "parallelism": 3,
              "output": "out",
              "mirror_map": {"http://mirror.centos.org/centos/": "file:///srv/mirror/"},
              "image_host": {"host": "images.example", "port": 2222, "user": "pub",
                             "identity": "keys/id", "known_hosts": "keys/known_hosts",
                             "root": "/srv/cloud", "base_url": "https://cloud.example/"},
              "clouds": {"qemu": {"type": "local"}},
              "tfunctional": {"suite": "suite", "budget": "90s"},
              "release": {"branch": "releases", "author": "Image Bot <bot@example.org>"}
            }
            """);

    java.nio.file.Files.createDirectories(dir.resolve("suite/tests"));
    PipelineConfigFile read = PipelineConfigFile.read(file);
    PipelineSettings settings = read.settings(dir.resolve("repo"), line -> {});

    assertThat(read.parallelism()).isEqualTo(3);
    assertThat(settings.output()).isEqualTo(dir.resolve("out"));
    assertThat(settings.imageHost().port()).isEqualTo(2222);
    assertThat(settings.imageHost().identity()).isEqualTo(dir.resolve("keys/id"));
    assertThat(settings.imageBaseUrl()).isEqualTo("https://cloud.example");
    assertThat(settings.imageRoot()).isEqualTo("/srv/cloud");
    assertThat(settings.clouds()).containsOnlyKeys("local", "qemu");
    assertThat(settings.suite()).isEqualTo(new SuiteSource.Directory(dir.resolve("suite")));
    assertThat(settings.testBudget()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.branch()).isEqualTo("releases");
    assertThat(settings.author().email()).isEqualTo("bot@example.org");
    assertThat(settings.mirrorMap().rewrite("http://mirror.centos.org/centos/6/os/x86_64/"))
        .isEqualTo("file:///srv/mirror/6/os/x86_64/");
  }

  @Test
  void shouldNameTheFileAndProblemForBadConfigurations() throws Exception {
    assertThatThrownBy(() -> PipelineConfigFile.read(config("{\n  \"parallelism\": ,\n}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pipeline.json:2");
    Path noHost = config("{\"tfunctional\": {\"suite\": \"s\"}}");
    assertThatThrownBy(() -> PipelineConfigFile.read(noHost).settings(dir, line -> {}))
        .hasMessageContaining("image_host is required");
    Path unknownCloud =
        config(
            "{\"image_host\": {\"host\": \"h\", \"user\": \"u\", \"identity\": \"k\","
                + " \"known_hosts\": \"kh\", \"base_url\": \"http://h\"},"
                + " \"tfunctional\": {\"suite\": \"s\"}, \"clouds\": {\"x\": {\"type\": \"nimbus\"}}}");
    assertThatThrownBy(() -> PipelineConfigFile.read(unknownCloud).settings(dir, line -> {}))
        .hasMessageContaining("Unknown driver name: nimbus");
    Path noSuite =
        config(
            "{\"image_host\": {\"host\": \"h\", \"user\": \"u\", \"identity\": \"k\","
                + " \"known_hosts\": \"kh\", \"base_url\": \"http://h\"},"
                + " \"tfunctional\": {\"suite\": \"missing\"}}");
    assertThatThrownBy(() -> PipelineConfigFile.read(noSuite).settings(dir, line -> {}))
        .hasMessageContaining("pipeline.json: tfunctional.suite " + dir.resolve("missing"))
        .hasMessageContaining("not a t_functional suite");
  }
}
