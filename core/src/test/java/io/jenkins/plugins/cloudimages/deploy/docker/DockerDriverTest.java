package io.jenkins.plugins.cloudimages.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.Deployer;
import io.jenkins.plugins.cloudimages.deploy.Deployment;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.Janitor;
import io.jenkins.plugins.cloudimages.deploy.RemoteShell;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.PodmanService;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker driver against a real engine: podman's Docker-compatible service. */
class DockerDriverTest {
  @TempDir static Path temp;
  private static PodmanService podman;
  private static Path rootfs;

  @BeforeAll
  static void startPodman() throws Exception {
    RequiredTools.require("tar", "/bin/busybox");
    podman = PodmanService.start(Files.createDirectories(temp.resolve("podman")));
    rootfs = busyboxRootfs(temp.resolve("rootfs"));
  }

  @AfterAll
  static void stopPodman() {
    if (podman != null) {
      podman.close();
    }
  }

  /** A tiny real root file system: a static busybox and its applets. */
  static Path busyboxRootfs(Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
    for (String applet : List.of("sh", "sleep", "echo", "cat", "id", "true", "hostname", "ls")) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Files.createDirectories(dir.resolve("tmp"));
    Path tar = dir.resolveSibling("rootfs.tar");
    ProcessRunner.Result result =
        new ProcessRunner().run("tar", "-C", dir.toString(), "-cf", tar.toString(), ".");
    assertThat(result.succeeded()).as(result.output()).isTrue();
    return tar;
  }

  private List<String> log = new ArrayList<>();

  @Test
  void shouldImportRunExecAndDestroyAContainerLeavingNothing() throws Exception {
    DockerDriver driver = new DockerDriver(podman.socket());
    Deployer deployer =
        new Deployer(
            driver,
            new BuildIdentity("test-host", "docker#1"),
            temp.resolve("work"),
            Clock.systemUTC(),
            log::add);

    List<String> lines = new ArrayList<>();
    String id;
    try (Deployment deployment =
        deployer.deploy(
            new ImageSource("busybox-rootfs", rootfs, null, "tar", null),
            Deployer.Options.defaults())) {
      id = deployment.id();
      assertThat(deployment.describe()).containsEntry("transport", "exec");
      RemoteShell.Result result =
          deployment
              .shell()
              .run("echo hello; id -u; ls /nope; exit 3", Duration.ofSeconds(30), lines::add);
      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(lines).contains("hello", "0");
      assertThat(result.output()).contains("hello\n0\n");
      deployment
          .shell()
          .upload(
              new java.io.ByteArrayInputStream("two\nlines".getBytes()), "/tmp/it's copied.txt");
      assertThat(deployment.shell().run("cat \"/tmp/it's copied.txt\"", Duration.ofSeconds(30)))
          .isEqualTo(new RemoteShell.Result(0, "two\nlines\n", false));
      assertThat(deployment.shell().describe()).isEqualTo("container " + id.substring(0, 12));
      assertThat(driver.listOwned()).extracting(CloudResource::id).contains(id);
      driver.heartbeat(deployment.instance(), Instant.parse("2030-01-01T00:00:00Z"));
      assertThat(driver.listOwned())
          .filteredOn(r -> r.id().equals(id))
          .extracting(r -> r.tags().get(BuildIdentity.TAG_HEARTBEAT))
          .containsExactly("2030-01-01T00:00:00Z");
    }
    assertThat(driver.listOwned())
        .filteredOn(r -> r.tags().get(BuildIdentity.TAG_BUILD).equals("docker#1"))
        .isEmpty();
  }

  @Test
  void shouldLetTheJanitorRemoveStaleContainersAndImagesButNotLiveOnes() throws Exception {
    DockerDriver driver = new DockerDriver(podman.socket());
    Deployer deployer =
        new Deployer(
            driver,
            new BuildIdentity("other-host", "docker#2"),
            temp.resolve("work2"),
            Clock.systemUTC(),
            log::add);
    Deployment live =
        deployer.deploy(
            new ImageSource("busybox-rootfs", rootfs, null, "tar", null),
            Deployer.Options.defaults());
    try {
      // a killed build: created an hour ago and never heard of since
      BuildIdentity dead = new BuildIdentity("crashed-host", "docker#3").withDeployment("gone");
      Deadline deadline = Deadline.in("t", Duration.ofMinutes(2), Clock.systemUTC());
      CloudResource image =
          driver.uploadImage(new ImageSource("stale", rootfs, null, "tar", null), dead, deadline);
      driver.heartbeat(image, Instant.now().minus(Duration.ofHours(3)));

      Janitor.Report report =
          new Janitor(driver, Clock.systemUTC(), Duration.ofMinutes(1), log::add)
              .sweep(Duration.ofHours(2));

      assertThat(report.removed()).extracting(CloudResource::id).containsExactly(image.id());
      assertThat(report.kept()).extracting(CloudResource::id).contains(live.id());
      assertThat(live.shell().run("true", Duration.ofSeconds(30)).succeeded()).isTrue();
    } finally {
      live.close();
    }
  }
}
