package io.jenkins.plugins.cloudimages.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployer's SSH path against a real sshd on loopback, standing in for a booted instance: the
 * cloud is the fake, whose "instance" adds the per-build key to the sshd and whose console shows
 * the sshd's host key (or another one).
 */
class DeployerSshTest {
  @TempDir Path temp;
  private LoopbackSshd sshd;
  private FakeCloudDriver cloud;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sshd = LoopbackSshd.start(Files.createDirectories(temp.resolve("sshd")));
    cloud = new FakeCloudDriver(temp.resolve("cloud"));
  }

  @AfterEach
  void stop() {
    sshd.close();
  }

  private Deployer deployer(String console) {
    return new Deployer(
        new LoopbackInstances(cloud, sshd, console),
        new BuildIdentity("test", "ssh#1"),
        temp.resolve("work"),
        Clock.systemUTC(),
        log::add);
  }

  private Deployer.Options options(HostKeyMode mode) {
    return Deployer.Options.defaults()
        .withLoginUser(sshd.user())
        .withHostKeyMode(mode)
        .withTimeouts(
            new DeployTimeouts(
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(20),
                Duration.ofSeconds(5)));
  }

  private String hostKey() throws Exception {
    return Files.readString(sshd.clientKey().resolveSibling("host_ed25519.pub")).strip();
  }

  @Test
  void shouldPinTheHostKeyShownOnTheConsoleAndRunCommandsOverSsh() throws Exception {
    Deployer deployer = deployer(HostKeys.BEGIN + "\n" + hostKey() + "\n" + HostKeys.END + "\n");
    ImageSource image = new ImageSource("img", Path.of("/dev/null"), null, "raw", null);

    try (Deployment deployment = deployer.deploy(image, options(HostKeyMode.CONSOLE))) {
      assertThat(Files.readString(deployment.knownHostsFile()))
          .isEqualTo(
              "[127.0.0.1]:" + sshd.port() + " " + hostKey().replaceFirst(" \\S+$", "") + "\n");
      RemoteShell.Result result =
          deployment.shell().run("echo out; echo err >&2; exit 4", Duration.ofSeconds(20));
      assertThat(result.exitCode()).isEqualTo(4);
      assertThat(result.output()).contains("out\n", "err\n");
      Path uploaded = temp.resolve("it's uploaded.txt");
      deployment
          .shell()
          .upload(new java.io.ByteArrayInputStream("payload\n".getBytes()), uploaded.toString());
      assertThat(uploaded).hasContent("payload");
      assertThatThrownBy(
              () ->
                  deployment
                      .shell()
                      .upload(new java.io.ByteArrayInputStream(new byte[1]), "/nonexistent/x"))
          .isInstanceOf(RemoteShellException.class)
          .hasMessageContaining("cannot write /nonexistent/x on " + deployment.shell().describe());
      assertThat(deployment.describe())
          .containsEntry("transport", "ssh")
          .containsEntry("port", sshd.port());
    }
    assertThat(cloud.count()).isZero();
  }

  @Test
  void shouldFailAtOnceWhenTheHostKeyIsNotTheInjectedOneAndDestroyEverything() throws Exception {
    Deployer deployer = deployer("");
    ImageSource image = new ImageSource("img", Path.of("/dev/null"), null, "raw", null);
    long started = System.nanoTime();

    assertThatThrownBy(() -> deployer.deploy(image, options(HostKeyMode.INJECT)))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("failed during reachable")
        .hasMessageContaining("does not match the one pinned");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(cloud.count()).isZero();
    try (var keys = Files.walk(temp.resolve("work"))) {
      assertThat(keys.filter(p -> p.getFileName().toString().equals(Deployer.KEY_FILE))).isEmpty();
    }
  }

  @Test
  void shouldRefuseAHostWhoseKeyIsNotTheOneOnTheConsole() throws Exception {
    String other = SshKeyPair.generateEd25519("other").publicKey();
    Deployer deployer = deployer(HostKeys.BEGIN + "\n" + other + "\n" + HostKeys.END + "\n");
    ImageSource image = new ImageSource("img", Path.of("/dev/null"), null, "raw", null);

    assertThatThrownBy(() -> deployer.deploy(image, options(HostKeyMode.CONSOLE)))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("host key check failed");
    assertThat(cloud.count()).isZero();
  }
}
