package io.jenkins.plugins.cloudimages.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.Deployer;
import io.jenkins.plugins.cloudimages.deploy.Deployment;
import io.jenkins.plugins.cloudimages.deploy.DeploymentException;
import io.jenkins.plugins.cloudimages.deploy.ForwardingDriver;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.RemoteShell;
import io.jenkins.plugins.cloudimages.deploy.SshKeyPair;
import io.jenkins.plugins.cloudimages.testing.DebianGuestImage;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots a real Debian guest under QEMU (TCG here: each boot costs 20-60 s), so there are exactly
 * two boots: one that succeeds and one whose host key is not the pinned one.
 */
class LocalQemuDriverBootTest {
  @TempDir Path temp;
  private final List<String> log = new ArrayList<>();
  private Path image;
  private LocalQemuDriver driver;

  @BeforeEach
  void setUp() {
    RequiredTools.require("qemu-system-x86_64", "qemu-img", "tar", "cloud-localds");
    image = DebianGuestImage.get();
    driver =
        new LocalQemuDriver(LocalQemuDriver.Settings.defaults(temp.resolve("state")), this::log);
  }

  private void log(String line) {
    synchronized (log) {
      log.add(line);
    }
    System.err.println(line);
  }

  @Test
  void shouldBootTheGuestReachItOverSshWithThePinnedKeyAndLeaveNothingBehind() throws Exception {
    Deployer deployer =
        new Deployer(
            driver,
            new BuildIdentity("test-host", "job/boot#1"),
            temp.resolve("work"),
            Clock.systemUTC(),
            this::log);
    long started = System.nanoTime();
    Deployment deployment = deployer.deploy(source(), Deployer.Options.defaults());
    long bootSeconds = (System.nanoTime() - started) / 1_000_000_000L;
    int port = deployment.port();
    Path work = deployment.workDir();
    long pid =
        Files.readString(stateDir(deployment).resolve("resource.json")).contains("\"pid\"")
            ? pidOf(deployment)
            : 0;
    try {
      assertThat(deployment.host()).isEqualTo("127.0.0.1");
      assertThat(Files.getPosixFilePermissions(deployment.keyFile()))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      assertThat(Files.readString(deployment.knownHostsFile()))
          .startsWith("[127.0.0.1]:" + port + " ssh-ed25519 ");
      RemoteShell.Result result =
          deployment.shell().run("id -un; cat /etc/hostname; test -w /", Duration.ofSeconds(60));
      assertThat(result.succeeded()).as(result.output()).isTrue();
      assertThat(result.output()).startsWith("root\ncloudimg-guest\n");
      assertThat(driver.consoleOutput(deployment.instance()))
          .contains("-----BEGIN SSH HOST KEY KEYS-----");
      assertThat(log).anyMatch(l -> l.contains("TCG") || l.contains("KVM"));
      System.err.println("boot to SSH: " + bootSeconds + " s");
    } finally {
      assertThat(deployment.destroy()).isTrue();
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(portAnswers(port)).isFalse();
    assertThat(work).doesNotExist();
    try (var left = Files.list(temp.resolve("state"))) {
      assertThat(left).isEmpty();
    }
    assertThat(image).exists();
  }

  @Test
  void shouldFailTheDeploymentWhenTheHostPresentsAnotherKeyAndStillCleanUp() throws Exception {
    CloudDriver impostor = new HostKeySwappingDriver(driver);
    Deployer deployer =
        new Deployer(
            impostor,
            new BuildIdentity("test-host", "job/boot#2"),
            temp.resolve("work"),
            Clock.systemUTC(),
            this::log);

    assertThatThrownBy(() -> deployer.deploy(source(), Deployer.Options.defaults()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("does not match the one pinned")
        .satisfies(
            e ->
                assertThat(((DeploymentException) e).diagnostics().resolve("console.log"))
                    .exists());

    try (var left = Files.list(temp.resolve("state"))) {
      assertThat(left).isEmpty();
    }
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(temp.toString()))
                .count())
        .isZero();
  }

  private ImageSource source() {
    return new ImageSource("debian12-guest", image, null, "qcow2", null);
  }

  private Path stateDir(Deployment deployment) {
    return temp.resolve("state").resolve(deployment.id());
  }

  private long pidOf(Deployment deployment) throws Exception {
    String json = Files.readString(stateDir(deployment).resolve("resource.json"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"pid\"\\s*:\\s*(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static boolean portAnswers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Boots with a host key other than the one the deployer pinned: a man in the middle. */
  private static final class HostKeySwappingDriver extends ForwardingDriver {
    HostKeySwappingDriver(CloudDriver real) {
      super(real);
    }

    @Override
    public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
        throws CloudException {
      BootSpec swapped =
          new BootSpec(
              spec.name(),
              spec.userData(),
              spec.loginUser(),
              spec.authorizedKey(),
              spec.flavor(),
              spec.network(),
              spec.floatingIp(),
              spec.tags(),
              SshKeyPair.generateEd25519("impostor"));
      return cloud.boot(image, swapped, deadline);
    }
  }
}
