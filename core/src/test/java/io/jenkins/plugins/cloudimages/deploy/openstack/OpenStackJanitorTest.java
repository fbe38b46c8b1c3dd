package io.jenkins.plugins.cloudimages.deploy.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.Janitor;
import io.jenkins.plugins.cloudimages.deploy.KeptDeployments;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The janitor on the OpenStack driver against {@link FakeOpenStack} (a fake written from the API
 * reference): what a killed build left (stale heartbeats) goes, another controller's live
 * deployment and resources without cloudimg tags stay.
 */
class OpenStackJanitorTest {
  @TempDir Path temp;
  private FakeOpenStack fake;
  private CloudDriver driver;

  @BeforeEach
  void start() throws Exception {
    fake = FakeOpenStack.start();
    driver = DriverRegistry.create(fake.cloud(temp), line -> {});
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** Image, server and floating IP of one deployment, as a build would leave them. */
  private List<CloudResource> deployment(BuildIdentity build) throws Exception {
    Deadline deadline = Deadline.in("test", Duration.ofSeconds(10), Clock.systemUTC());
    Path file = Files.write(temp.resolve(build.deployment() + ".qcow2"), new byte[512]);
    CloudResource image =
        driver.uploadImage(new ImageSource("img", file, null, "qcow2", null), build, deadline);
    BootSpec spec =
        new BootSpec(
            build.deployment(),
            "#cloud-config\n",
            "root",
            "ssh-ed25519 AAAA k",
            null,
            null,
            true,
            build.tags(Instant.now()),
            null);
    List<CloudResource> all = new ArrayList<>(List.of(image));
    all.addAll(driver.boot(image, spec, deadline));
    return all;
  }

  @Test
  void shouldRemoveStaleResourcesAndKeepAnotherControllersLiveOnes() throws Exception {
    List<CloudResource> crashed =
        new ArrayList<>(
            deployment(new BuildIdentity("https://jenkins-a/", "images#3", "cloudimg-a-1")));
    crashed.addAll(deployment(new BuildIdentity("https://jenkins-a/", "images#4", "cloudimg-a-2")));
    List<CloudResource> live =
        deployment(new BuildIdentity("https://jenkins-b/", "images#9", "cloudimg-b-1"));
    String foreign = fake.foreignServer();
    Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3));
    for (CloudResource r : crashed) {
      driver.heartbeat(r, threeHoursAgo);
    }

    Janitor.Report report =
        new Janitor(driver, Clock.systemUTC(), Duration.ofSeconds(5), line -> {})
            .sweep(Duration.ofHours(2));

    assertThat(report.removed())
        .extracting(CloudResource::id)
        .containsExactlyInAnyOrderElementsOf(crashed.stream().map(CloudResource::id).toList());
    assertThat(report.kept())
        .extracting(CloudResource::id)
        .containsExactlyInAnyOrderElementsOf(live.stream().map(CloudResource::id).toList());
    assertThat(report.failed()).isEmpty();
    assertThat(fake.images()).isOne();
    assertThat(fake.floatingIps()).isOne();
    assertThat(fake.server(live.get(1).id())).isNotNull();
    assertThat(fake.server(foreign)).isNotNull();
  }

  @Test
  void shouldDestroyAKeptDeploymentByItsServerIdFromAnotherProcess() throws Exception {
    List<CloudResource> kept = deployment(new BuildIdentity("cli@host", "deploy", "cloudimg-k-1"));
    List<CloudResource> other = deployment(new BuildIdentity("cli@host", "deploy", "cloudimg-k-2"));
    CloudDriver fresh = DriverRegistry.create(fake.cloud(temp), line -> {});

    List<CloudResource> removed =
        KeptDeployments.destroy(
            fresh, kept.get(1).id(), temp.resolve("work"), Duration.ofSeconds(5), line -> {});

    assertThat(removed)
        .extracting(CloudResource::id)
        .containsExactlyInAnyOrderElementsOf(kept.stream().map(CloudResource::id).toList());
    assertThat(fake.resources()).isEqualTo(other.size());
  }

  @Test
  void shouldRefuseTagsTooLongForAFloatingIpBeforeCreatingAnything() throws Exception {
    BuildIdentity longOwner =
        new BuildIdentity("https://" + "jenkins".repeat(30) + "/", "images#1", "cloudimg-l-1");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> deployment(longOwner))
        .hasMessageContaining("do not fit a floating IP description");
    assertThat(fake.servers()).isZero();
  }

  @Test
  void shouldReportWhatItCouldNotRemoveAndRemoveItOnTheNextSweep() throws Exception {
    List<CloudResource> crashed =
        deployment(new BuildIdentity("cli@host", "local#1", "cloudimg-c-1"));
    for (CloudResource r : crashed) {
      driver.heartbeat(r, Instant.now().minus(Duration.ofDays(1)));
    }
    fake.fail("DELETE", "/images/", 500, 1000);
    Janitor janitor = new Janitor(driver, Clock.systemUTC(), Duration.ofMillis(300), line -> {});

    Janitor.Report first = janitor.sweep(Duration.ofHours(2));
    fake.clearFaults();
    Janitor.Report second = janitor.sweep(Duration.ofHours(2));

    assertThat(first.failed())
        .extracting(CloudResource::kind)
        .containsExactly(CloudResource.Kind.IMAGE);
    assertThat(first.removed()).hasSize(2);
    assertThat(second.removed()).extracting(CloudResource::id).containsExactly(crashed.get(0).id());
    assertThat(fake.resources()).isZero();
  }
}
