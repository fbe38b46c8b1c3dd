package io.jenkins.plugins.cloudimages.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoToolsTest {
  @TempDir Path boot;

  @Test
  void shouldNameTheAptCommandWhenNotRoot() {
    DemoTools tools = new DemoTools(Set.of("apt-get", "git", "dnf")::contains, boot);
    assertThatThrownBy(() -> tools.ensure(false, line -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("sudo apt-get install -y -q --no-install-recommends")
        .hasMessageContaining("debootstrap")
        .hasMessageContaining("qemu-system-x86")
        .hasMessageContaining("linux-image-amd64")
        .hasMessageNotContaining(" git ");
  }

  @Test
  void shouldNameTheDnfCommandOnFedoraHosts() throws IOException {
    Files.createFile(boot.resolve("vmlinuz-6.1.0-1-amd64"));
    DemoTools tools = new DemoTools(Set.of("dnf", "git")::contains, boot);
    assertThatThrownBy(() -> tools.ensure(false, line -> {}))
        .hasMessageContaining("sudo dnf install -y -q")
        .hasMessageContaining("rpm-build")
        .hasMessageNotContaining("kernel-core");
  }

  @Test
  void shouldNeedNothingWhenEverythingIsThere() throws IOException {
    Files.createFile(boot.resolve("vmlinuz-6.1.0-1-amd64"));
    DemoTools tools = new DemoTools(tool -> true, boot);
    assertThat(tools.missing()).isEmpty();
    tools.ensure(false, line -> {});
  }
}
