package io.jenkins.plugins.cloudimages.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelModulesPackageTest {
  @TempDir Path dir;

  @Test
  void shouldPickTheNewestKernelThatHasModules() throws IOException {
    Path boot = Files.createDirectories(dir.resolve("boot"));
    Path modules = Files.createDirectories(dir.resolve("modules"));
    for (String version : new String[] {"6.1.0-9-amd64", "6.1.0-10-amd64", "6.9.0-1-amd64"}) {
      Files.createFile(boot.resolve("vmlinuz-" + version));
    }
    Files.createDirectories(modules.resolve("6.1.0-9-amd64/kernel"));
    Files.createDirectories(modules.resolve("6.1.0-10-amd64/kernel"));
    // 6.9.0-1 has no modules: the guest could not use it; 10 is newer than 9
    assertThat(new KernelModulesPackage(boot, modules).version()).contains("6.1.0-10-amd64");
  }

  @Test
  void shouldHaveNoVersionWithoutKernels() throws IOException {
    assertThat(new KernelModulesPackage(dir.resolve("none"), dir).version()).isEmpty();
  }
}
