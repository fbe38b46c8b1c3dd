package io.jenkins.plugins.cloudimages.deploy.ovirt;

import static io.jenkins.plugins.cloudimages.deploy.DriverCalls.deadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.DriverCalls;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.InstanceAddress;
import io.jenkins.plugins.cloudimages.deploy.ResourceReaper;
import io.jenkins.plugins.cloudimages.deploy.http.TagText;
import io.jenkins.plugins.cloudimages.testing.FakeHttpServer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oVirt driver against {@link FakeOvirt}, a fake written from the REST API v4 guide. */
class OvirtDriverTest {
  /** Ample for any call here, even on a loaded machine: only the timeout tests run short. */
  private static final Duration ENOUGH = Duration.ofSeconds(15);

  private static final BuildIdentity BUILD = new BuildIdentity("jenkins.example", "job#8", "dep2");
  static final long VIRTUAL_SIZE = 8L << 30;

  @TempDir Path temp;
  private final FakeOvirt fake = new FakeOvirt();
  private final OvirtDriver driver = driver(fake, FakeOvirt.PASSWORD);

  static OvirtDriver driver(FakeOvirt fake, String password) {
    return new OvirtDriver(
        new OvirtDriver.Settings(
            fake.endpoint(),
            FakeOvirt.USER,
            password,
            "Default",
            "data",
            "lab",
            1024,
            Duration.ofMillis(5)),
        Clock.systemUTC());
  }

  /** A file with a qcow2 header (virtual size 8 GiB) and 300 KiB of content. */
  static ImageSource qcow2(Path dir) throws Exception {
    ByteBuffer image = ByteBuffer.allocate(300 * 1024);
    image.putInt(0x514649fb).putInt(3).putLong(0).putInt(0).putInt(16).putLong(VIRTUAL_SIZE);
    Path file = Files.write(dir.resolve("CentOS-9-x86_64-GenericCloud.qcow2"), image.array());
    return new ImageSource(file.getFileName().toString(), file, null, "qcow2", null);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static BootSpec spec() {
    return DriverCalls.bootSpec("cloudimg-job-8-abc", BUILD);
  }

  @Test
  void shouldUploadTheWholeFileThroughAnImageTransferAndBootWithCloudInit() throws Exception {
    ImageSource image = qcow2(temp);

    CloudResource disk = driver.uploadImage(image, BUILD, deadline(ENOUGH));
    CloudResource vm = driver.boot(disk, spec(), deadline(ENOUGH)).get(0);
    InstanceAddress address = driver.awaitAddress(vm, deadline(ENOUGH));

    assertThat(address.host()).startsWith("192.168.122.");
    assertThat(fake.received.values()).containsExactly(Files.size(image.file()));
    assertThat(fake.disks.get(disk.id()).path("provisioned_size").asLong()).isEqualTo(VIRTUAL_SIZE);
    assertThat(fake.disks.get(disk.id()).path("format").asText()).isEqualTo("cow");
    assertThat(fake.vms.get(vm.id()).path("initialization").path("authorized_ssh_keys").asText())
        .isEqualTo("ssh-ed25519 AAAAC3Nza test");
    assertThat(fake.vms.get(vm.id()).path("description").asText())
        .contains("\"cloudimg-deployment\":\"dep2\"");
    assertThat(fake.calls()).contains("POST /ovirt-engine/api/vms/" + vm.id() + "/nics");
  }

  @Test
  void shouldFallBackToTheProxyWhenTheHostCannotBeReached() throws Exception {
    fake.hostUnreachable = true;

    driver.uploadImage(qcow2(temp), BUILD, deadline(ENOUGH));

    assertThat(fake.calls()).anyMatch(c -> c.startsWith("PUT /proxy/images/"));
  }

  @Test
  void shouldCancelAndRemoveTheDiskWhenTheUploadIsCutShort() throws Exception {
    fake.failNext("PUT", "/images/.*", FakeHttpServer.CUT, 1);
    fake.failNext("PUT", "/proxy/images/.*", FakeHttpServer.CUT, 1);

    assertThatThrownBy(() -> driver.uploadImage(qcow2(temp), BUILD, deadline(ENOUGH)))
        .isInstanceOf(CloudException.class)
        .hasMessageContaining("uploading");
    assertThat(fake.leftovers()).isZero();
    assertThat(fake.calls()).anyMatch(c -> c.endsWith("/cancel"));
  }

  @Test
  void shouldCancelTheUploadOfAKilledProcessSoThatItsLockedDiskCanGo() {
    Map<String, String> tags = BUILD.tags(Instant.parse("2026-01-01T00:00:00Z"));
    String id = fake.abandonedUpload(TagText.encode(tags));
    CloudResource disk = new CloudResource(CloudResource.Kind.IMAGE, id, "abandoned", tags);

    boolean deleted =
        new ResourceReaper(driver, Clock.systemUTC(), ENOUGH, line -> {}).delete(disk);

    assertThat(deleted).isTrue();
    assertThat(fake.leftovers()).isZero();
    assertThat(fake.calls()).anyMatch(c -> c.endsWith("/cancel"));
  }

  @Test
  void shouldRefuseAFileThatIsNotQcow2() throws Exception {
    Path file = Files.writeString(temp.resolve("x.qcow2"), "not an image");
    ImageSource image = new ImageSource("x", file, null, "qcow2", null);

    assertThatThrownBy(() -> driver.uploadImage(image, BUILD, deadline(ENOUGH)))
        .hasMessageContaining("not a qcow2 image");
    assertThat(fake.calls()).isEmpty();
  }

  @Test
  void shouldSurfaceAVmThatGoesDownAndOneThatNeverComesUp() throws Exception {
    CloudResource disk = driver.uploadImage(qcow2(temp), BUILD, deadline(ENOUGH));
    fake.vmsFail = true;
    CloudResource failing = driver.boot(disk, spec(), deadline(ENOUGH)).get(0);
    assertThatThrownBy(() -> driver.awaitAddress(failing, deadline(ENOUGH)))
        .hasMessageContaining("is down")
        .hasMessageContaining("qemu unexpectedly closed");
    driver.delete(failing, deadline(ENOUGH));

    fake.vmsFail = false;
    fake.vmsHang = true;
    CloudResource disk2 = driver.uploadImage(qcow2(temp), BUILD, deadline(ENOUGH));
    CloudResource slow = driver.boot(disk2, spec(), deadline(ENOUGH)).get(0);
    assertThatThrownBy(() -> driver.awaitAddress(slow, deadline(Duration.ofMillis(300))))
        .hasMessageContaining("timed out");
  }

  @Test
  void shouldStopBeforeRemovingAndCountWhatIsGoneAsDeleted() throws Exception {
    CloudResource disk = driver.uploadImage(qcow2(temp), BUILD, deadline(ENOUGH));
    CloudResource vm = driver.boot(disk, spec(), deadline(ENOUGH)).get(0);
    driver.awaitAddress(vm, deadline(ENOUGH));

    driver.delete(vm, deadline(ENOUGH));

    assertThat(fake.leftovers()).as("the VM's disk goes with it").isZero();
    for (CloudResource gone : List.of(vm, disk)) {
      assertThatThrownBy(() -> driver.delete(gone, deadline(ENOUGH)))
          .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
    }
  }

  @Test
  void shouldRefuseWrongCredentialsAndSurfaceServerErrors() throws Exception {
    assertThatThrownBy(
            () -> driver(fake, "wrong").uploadImage(qcow2(temp), BUILD, deadline(ENOUGH)))
        .hasMessageContaining("Cannot authenticate user");

    fake.failNext("POST", "/ovirt-engine/api/disks", 503, 1);
    assertThatThrownBy(() -> driver.uploadImage(qcow2(temp), BUILD, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(fake.leftovers()).isZero();
  }

  @Test
  void shouldLogInAgainWhenTheTokenIsNoLongerValid() throws Exception {
    CloudResource disk = driver.uploadImage(qcow2(temp), BUILD, deadline(ENOUGH));
    fake.revokeSession();

    driver.heartbeat(disk, Instant.parse("2026-02-03T04:05:06Z"));

    assertThat(fake.calls().stream().filter(c -> c.endsWith("/sso/oauth/token"))).hasSize(2);
  }

  @Test
  void shouldRefreshTheHeartbeatInTheDescription() throws Exception {
    CloudResource disk = driver.uploadImage(qcow2(temp), BUILD, deadline(ENOUGH));
    Instant beat = Instant.parse("2026-02-03T04:05:06Z");

    driver.heartbeat(disk, beat);

    assertThat(driver.listOwned())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(disk.id());
              assertThat(r.tags())
                  .containsEntry(BuildIdentity.TAG_HEARTBEAT, beat.toString())
                  .containsEntry(BuildIdentity.TAG_BUILD, "job#8");
            });
  }
}
