package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.TaskListener;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent side of cloudDeploy up to the cloud call. */
class DeployCallableTest {
  @TempDir Path dir;
  private final TaskListener listener =
      () -> new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void shouldNameTheCloudTypeTheEngineHasNoDriverFor() throws IOException {
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(workspace.resolve("img.qcow2"), "x");
    CloudDrivers.Settings cloud =
        new CloudDrivers.Settings(
            "vs-ci", "vsphere", "https://vc.example/sdk", null, "", "", false, null);

    assertThatThrownBy(
            () ->
                new DeployCallable(
                        cloud, "img.qcow2", "root", new BuildIdentity("jenkins", "j#1"), listener)
                    .invoke(workspace.toFile(), null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Unknown driver name: vsphere")
        .hasMessageContaining("vs-ci");
  }

  @Test
  void shouldForgetUnknownDeploymentsAsDestroyed() {
    assertThat(new DestroyCallable("cloudimg-gone").invoke(dir.toFile(), null)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "CentOS-9-x86_64-GenericCloud-251125_01.qcow2, qcow2",
    "CentOS-9-x86_64-GenericCloud-251125_01.raw.xz, raw",
    "CentOS-9-x86_64-Docker-251125_01.tar.xz, tar",
    "image, raw"
  })
  void shouldTellTheImageFormatFromItsName(String name, String format) {
    assertThat(DeployCallable.formatOf(name)).isEqualTo(format);
  }

  @Test
  void shouldKeepSecretsOwnerOnlyBesideTheWorkspace() throws IOException {
    Path workspace = Files.createDirectories(dir.resolve("job"));
    Path secrets = AgentFiles.privateDir(workspace, "t");
    Path key = AgentFiles.writeSecret(secrets, "id", "KEY");

    assertThat(secrets).hasParent(dir.resolve("job@tmp"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    AgentFiles.deleteTree(secrets);
    assertThat(secrets).doesNotExist();
  }
}
