package io.jenkins.plugins.cloudimages.deploy.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.DeployTimeouts;
import io.jenkins.plugins.cloudimages.deploy.Deployer;
import io.jenkins.plugins.cloudimages.deploy.Deployment;
import io.jenkins.plugins.cloudimages.deploy.DeploymentException;
import io.jenkins.plugins.cloudimages.deploy.HostKeyMode;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.RemoteShell;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployer on the OpenStack driver against {@link FakeOpenStack} (a fake written from the API
 * reference): the per-build key travels in the user data, and everything the deployment created is
 * destroyed on every exit path. The successful deployment reaches a real sshd on loopback, standing
 * in for the server: the fake gives the server that address, and its boot hook installs the keys
 * found in the user data.
 */
class OpenStackDeployerTest {
  private static final Pattern AUTHORIZED_KEY = Pattern.compile("(?m)^\\s*- (ssh-ed25519 \\S+.*)$");

  @TempDir Path temp;
  private FakeOpenStack fake;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws Exception {
    fake = FakeOpenStack.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Deployer deployer(String... options) throws IOException {
    CloudDriver driver = DriverRegistry.create(fake.cloud(temp, options), log::add);
    return new Deployer(
        driver,
        new BuildIdentity("test", "os#1"),
        temp.resolve("work"),
        Clock.systemUTC(),
        log::add);
  }

  private static Deployer.Options options(Duration boot, Duration reachable) {
    return Deployer.Options.defaults()
        .withTimeouts(
            new DeployTimeouts(Duration.ofSeconds(10), boot, reachable, Duration.ofSeconds(5)))
        .withHeartbeat(Duration.ofMillis(50));
  }

  private ImageSource image() throws IOException {
    Path file = Files.write(temp.resolve("test.qcow2"), new byte[4096]);
    return new ImageSource("test", file, null, "qcow2", null);
  }

  private long keysLeft() throws IOException {
    try (var files = Files.walk(temp.resolve("work"))) {
      return files.filter(p -> p.getFileName().toString().startsWith("id_ed25519")).count();
    }
  }

  @Test
  void shouldReachTheServerWithThePerBuildKeyFromTheUserDataAndDestroyEverything()
      throws Exception {
    try (LoopbackSshd sshd = LoopbackSshd.start(Files.createDirectories(temp.resolve("sshd")))) {
      Path authorizedKeys = sshd.clientKey().resolveSibling("authorized_keys");
      String hostKey =
          Files.readString(sshd.clientKey().resolveSibling("host_ed25519.pub")).strip();
      fake.fixedAddress("127.0.0.1");
      fake.onBoot(data -> authorize(data, authorizedKeys));
      fake.console(
          id ->
              "cloud-init boot\n-----BEGIN SSH HOST KEY KEYS-----\n"
                  + hostKey
                  + "\n-----END SSH HOST KEY KEYS-----\n");
      Deployer deployer = deployer("sshPort", String.valueOf(sshd.port()));
      Deployer.Options options =
          options(Duration.ofSeconds(10), Duration.ofSeconds(20))
              .withLoginUser(sshd.user())
              .withHostKeyMode(HostKeyMode.CONSOLE);

      String serverId;
      try (Deployment deployment = deployer.deploy(image(), options)) {
        serverId = deployment.id();
        assertThat(deployment.describe())
            .containsEntry("cloud", "openstack")
            .containsEntry("host", "127.0.0.1");
        String publicKey =
            Files.readString(deployment.keyFile().resolveSibling("id_ed25519.pub")).strip();
        assertThat(fake.userData)
            .singleElement()
            .asString()
            .startsWith("#cloud-config")
            .contains(publicKey);
        RemoteShell.Result result =
            deployment.shell().run("echo from-the-server", Duration.ofSeconds(20));
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("from-the-server");
        String booted =
            fake.server(serverId).path("metadata").path(BuildIdentity.TAG_HEARTBEAT).asText();
        Thread.sleep(300);
        assertThat(
                fake.server(serverId).path("metadata").path(BuildIdentity.TAG_HEARTBEAT).asText())
            .as("heartbeat refreshed while the deployment lives")
            .isGreaterThan(booted);
      }
      assertThat(fake.resources()).isZero();
      assertThat(fake.requests)
          .contains("DELETE /compute/v2.1/" + FakeOpenStack.PROJECT_ID + "/servers/" + serverId);
      assertThat(keysLeft()).isZero();
    }
  }

  private static void authorize(String userData, Path authorizedKeys) {
    Matcher m = AUTHORIZED_KEY.matcher(userData);
    try {
      while (m.find()) {
        Files.writeString(authorizedKeys, m.group(1) + "\n", StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void shouldDeleteTheImageAndKeepTheConsoleWhenTheServerGoesToError() throws Exception {
    fake.boot(FakeOpenStack.Boot.ERROR, 1);
    fake.faultMessage("No valid host was found.");

    assertThatThrownBy(
            () -> deployer().deploy(image(), options(Duration.ofSeconds(5), Duration.ofSeconds(1))))
        .isInstanceOfSatisfying(
            DeploymentException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains("failed during boot")
                  .contains("went to ERROR: No valid host was found.");
              assertThat(e.diagnostics().resolve("console.log"))
                  .content()
                  .startsWith("fake console of ");
            });
    assertThat(fake.resources()).isZero();
    assertThat(fake.requests).anyMatch(r -> r.startsWith("DELETE /image/v2/images/"));
    assertThat(keysLeft()).isZero();
  }

  @Test
  void shouldDestroyTheFloatingIpServerAndImageWhenTheServerNeverAnswers() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    fake.floatingAddress("127.0.0.1");
    Deployer deployer = deployer("sshPort", String.valueOf(closedPort));

    assertThatThrownBy(
            () ->
                deployer.deploy(
                    image(),
                    options(Duration.ofSeconds(5), Duration.ofSeconds(1))
                        .withPlacement(null, null, true)))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("failed during reachable");

    assertThat(fake.resources()).isZero();
    List<String> deletes = fake.requests.stream().filter(r -> r.startsWith("DELETE")).toList();
    assertThat(deletes).hasSize(3);
    assertThat(deletes.get(0)).startsWith("DELETE /network/v2.0/floatingips/");
    assertThat(deletes.get(1)).startsWith("DELETE /compute/v2.1/");
    assertThat(deletes.get(2)).startsWith("DELETE /image/v2/images/");
  }

  @Test
  void shouldDestroyEverythingWhenTheBootOutlastsItsDeadline() throws Exception {
    fake.boot(FakeOpenStack.Boot.NEVER, 0);

    assertThatThrownBy(
            () ->
                deployer().deploy(image(), options(Duration.ofMillis(600), Duration.ofSeconds(1))))
        .hasMessageContaining("failed during boot")
        .hasMessageContaining("timed out");

    assertThat(fake.resources()).isZero();
  }

  @Test
  void shouldDestroyEverythingWhenTheFloatingIpBootOutlastsItsDeadline() throws Exception {
    fake.boot(FakeOpenStack.Boot.NEVER, 0);

    assertThatThrownBy(
            () ->
                deployer()
                    .deploy(
                        image(),
                        options(Duration.ofMillis(600), Duration.ofSeconds(1))
                            .withPlacement(null, null, true)))
        .hasMessageContaining("failed during boot");

    assertThat(fake.resources()).isZero();
  }

  @Test
  void shouldCleanUpThroughDeletesThatFailAtFirst() throws Exception {
    fake.boot(FakeOpenStack.Boot.ERROR, 1);
    fake.fail("DELETE", "/servers/", 500, 2);
    fake.fail("DELETE", "/images/", 409, 3);

    assertThatThrownBy(
            () -> deployer().deploy(image(), options(Duration.ofSeconds(5), Duration.ofSeconds(1))))
        .isInstanceOf(DeploymentException.class)
        .hasMessageNotContaining("could not be destroyed");

    assertThat(fake.resources()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "POST /image/v2/images$",
        "PUT /file$",
        "GET /image/v2/images/",
        "GET /flavors/detail",
        "GET /networks",
        "POST /servers$",
        "GET /servers/",
        "GET /ports",
        "POST /floatingips$",
        "POST /metadata$"
      })
  void shouldLeaveNothingWhicheverCallFails(String call) throws Exception {
    String[] methodAndPath = call.split(" ");
    fake.fail(methodAndPath[0], methodAndPath[1], 500, 1);
    Deployer.Options options =
        options(Duration.ofSeconds(5), Duration.ofMillis(300)).withPlacement(null, null, true);

    assertThatThrownBy(() -> deployer("sshPort", "1").deploy(image(), options))
        .isInstanceOf(DeploymentException.class)
        .hasMessageNotContaining("could not be destroyed");

    assertThat(fake.resources()).isZero();
    assertThat(keysLeft()).isZero();
  }

  @Test
  void shouldLeaveNothingWhenTheUploadFails() throws Exception {
    fake.fail("PUT", "/file$", 500, 1);

    assertThatThrownBy(
            () -> deployer().deploy(image(), options(Duration.ofSeconds(5), Duration.ofSeconds(1))))
        .hasMessageContaining("failed during upload")
        .hasMessageContaining("HTTP 500");

    assertThat(fake.resources()).isZero();
    assertThat(keysLeft()).isZero();
  }

  @ParameterizedTest(name = "floating IP {0}")
  @ValueSource(booleans = {false, true})
  void shouldDestroyEverythingWhenTheDeploymentIsAborted(boolean floatingIp) throws Exception {
    fake.boot(FakeOpenStack.Boot.NEVER, 0);
    Deployer deployer = deployer();
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread build =
        new Thread(
            () -> {
              try {
                deployer.deploy(
                    image(),
                    options(Duration.ofSeconds(30), Duration.ofSeconds(1))
                        .withPlacement(null, null, floatingIp));
              } catch (Exception e) {
                outcome.set(e);
              }
            });
    build.start();
    while (fake.servers() == 0 && build.isAlive()) {
      Thread.sleep(20);
    }

    build.interrupt();
    build.join(10_000);

    assertThat(build.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    assertThat(fake.resources()).isZero();
  }
}
