package io.jenkins.plugins.cloudimages.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptSourcesTest {
  @TempDir Path apt;

  @Test
  void shouldFindTheMainArchiveInDeb822Sources() throws IOException {
    Files.createDirectories(apt.resolve("sources.list.d"));
    Files.writeString(
        apt.resolve("sources.list.d/debian.sources"),
        """
        Types: deb
        URIs: http://mirror.example.org/debian-security
        Suites: bookworm-security

        Types: deb
        URIs: http://mirror.example.org/debian/
        Suites: bookworm bookworm-updates
        """);
    assertThat(AptSources.debianMirror(apt)).isEqualTo("http://mirror.example.org/debian/");
  }

  @Test
  void shouldPreferSourcesListOneLineEntries() throws IOException {
    Files.writeString(
        apt.resolve("sources.list"),
        "# local mirror\ndeb [arch=amd64] http://apt.internal/debian bookworm main\n");
    assertThat(AptSources.debianMirror(apt)).isEqualTo("http://apt.internal/debian");
  }

  @Test
  void shouldFallBackToDebiansRedirectorWithoutSources() {
    assertThat(AptSources.debianMirror(apt)).isEqualTo(AptSources.FALLBACK);
  }
}
