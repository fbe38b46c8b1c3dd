package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import hudson.model.TaskListener;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent side of cloudDeploy up to the cloud call. */
class DeployCallableTest {
  private static final String SECRET = "pw-Zq83-secret";
  private static final byte[] SECRET_BYTES = SECRET.getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;
  private final TaskListener listener =
      () -> new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void shouldNameTheCloudTypeTheEngineHasNoDriverFor() throws IOException {
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(workspace.resolve("img.qcow2"), "x");
    CloudDrivers.Settings cloud =
        new CloudDrivers.Settings(
            "nimbus-ci", "nimbus", "https://nimbus.example/api", null, "", "", false, null);

    assertThatThrownBy(
            () ->
                new DeployCallable(
                        cloud, "img.qcow2", "root", new BuildIdentity("jenkins", "j#1"), listener)
                    .invoke(workspace.toFile(), null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Unknown driver name: nimbus")
        .hasMessageContaining("nimbus-ci");
  }

  @Test
  void shouldKeepTheCloudSecretOutOfTheLogTheMessagesAndTheDisk() throws IOException {
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(workspace.resolve("img.qcow2"), "x");
    // Keystone's part only: records what it is sent and refuses it, as for a wrong password.
    List<String> sentToKeystone = new CopyOnWriteArrayList<>();
    HttpServer keystone = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    keystone.createContext(
        "/v3/auth/tokens",
        exchange -> {
          sentToKeystone.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body =
              "{\"error\":{\"code\":401,\"message\":\"The request you have made requires authentication.\"}}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    keystone.start();
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    TaskListener build = () -> new PrintStream(logged, true, StandardCharsets.UTF_8);
    CloudDrivers.Settings cloud =
        new CloudDrivers.Settings(
            "lab",
            "openstack",
            "http://127.0.0.1:" + keystone.getAddress().getPort() + "/v3",
            CloudCredentialsTest.OPENRC,
            "m1.small",
            "",
            false,
            Map.of("requestTimeout", "5s"));

    Throwable failure;
    try {
      failure =
          catchThrowable(
              () ->
                  new DeployCallable(
                          cloud, "img.qcow2", "root", new BuildIdentity("jenkins", "j#2"), build)
                      .invoke(workspace.toFile(), null));
    } finally {
      keystone.stop(0);
    }

    assertThat(sentToKeystone).anySatisfy(body -> assertThat(body).contains(SECRET, "ci-images"));
    assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("401");
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
    }
    assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
    try (var files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(file)).as(file.toString()).isNotEqualTo(SECRET_BYTES);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain(SECRET);
      }
    }
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
