package io.jenkins.plugins.cloudimages.deploy.vsphere;

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
import io.jenkins.plugins.cloudimages.testing.FakeHttpServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vSphere driver against {@link FakeVsphere}, a fake written from the Automation API. */
class VsphereDriverTest {
  /** Ample for any call here, even on a loaded machine: only the timeout tests run short. */
  private static final Duration ENOUGH = Duration.ofSeconds(15);

  private static final BuildIdentity BUILD = new BuildIdentity("jenkins.example", "job#9", "dep3");

  @TempDir Path temp;
  private final FakeVsphere fake = new FakeVsphere();
  private final VsphereDriver driver = driver(fake, FakeVsphere.PASSWORD);

  static VsphereDriver driver(FakeVsphere fake, String password) {
    return new VsphereDriver(
        new VsphereDriver.Settings(
            fake.uri().toString(),
            FakeVsphere.USER,
            password,
            FakeVsphere.LIBRARY,
            FakeVsphere.POOL,
            null,
            "lab",
            1,
            1024,
            Duration.ofMillis(5)),
        Clock.systemUTC());
  }

  /** A file with a sparse vmdk header (capacity 16 GiB) and 200 KiB of content. */
  static ImageSource vmdk(Path dir) throws Exception {
    ByteBuffer image = ByteBuffer.allocate(200 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    image.putInt(0x564d444b).putInt(3).putInt(0x30001).putLong((16L << 30) / 512);
    Path file = Files.write(dir.resolve("CentOS-9-x86_64-vsphere.vmdk"), image.array());
    return new ImageSource(file.getFileName().toString(), file, null, "vmdk", null);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static BootSpec spec() {
    return DriverCalls.bootSpec("cloudimg-job-9-abc", BUILD);
  }

  @Test
  void shouldUploadAnOvfItemDeployWithGuestinfoAndFindTheGuestIp() throws Exception {
    CloudResource item = driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH));
    CloudResource vm = driver.boot(item, spec(), deadline(ENOUGH)).get(0);
    InstanceAddress address = driver.awaitAddress(vm, deadline(ENOUGH));

    assertThat(address.host()).startsWith("172.16.0.");
    Map<String, String> config = fake.extraConfig(vm.id());
    assertThat(config)
        .containsEntry("guestinfo.userdata.encoding", "base64")
        .containsEntry("guestinfo.metadata.encoding", "base64");
    assertThat(
            new String(
                Base64.getDecoder().decode(config.get("guestinfo.userdata")),
                StandardCharsets.UTF_8))
        .isEqualTo(spec().userData());
    assertThat(
            fake.vms.get(vm.id()).path("spec").path("network_mappings").path("VM Network").asText())
        .isEqualTo("network-12");
    assertThat(fake.sessions.values())
        .allSatisfy(
            s ->
                assertThat(s.path("files").path("disk.vmdk").path("received").asLong())
                    .isEqualTo(200 * 1024));
    assertThat(fake.tags.values())
        .extracting(t -> t.path("description").asText())
        .allMatch(d -> d.contains("\"cloudimg-build\":\"job#9\""))
        .hasSize(2);
  }

  @Test
  void shouldRemoveTheItemWhenTheUploadIsCutShort() throws Exception {
    fake.failNext("PUT", "/nfc/.*/disk.vmdk", FakeHttpServer.CUT, 1);

    assertThatThrownBy(() -> driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH)))
        .isInstanceOf(CloudException.class)
        .hasMessageContaining("uploading disk.vmdk");
    assertThat(fake.leftovers()).isZero();
    assertThat(fake.sessions.values()).allMatch(s -> s.path("state").asText().equals("CANCELED"));
  }

  @Test
  void shouldRefuseAnImageThatIsNotAVmdk() throws Exception {
    Path file = Files.writeString(temp.resolve("x.vmdk"), "not a disk at all, just text");
    ImageSource image = new ImageSource("x", file, null, "vmdk", null);

    assertThatThrownBy(() -> driver.uploadImage(image, BUILD, deadline(ENOUGH)))
        .hasMessageContaining("no KDMV magic");
    assertThat(fake.calls()).isEmpty();
  }

  @Test
  void shouldSurfaceAFailedDeploymentAVmThatPowersOffAndAGuestThatNeverReports() throws Exception {
    CloudResource item = driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH));
    fake.deployFails = true;
    assertThatThrownBy(() -> driver.boot(item, spec(), deadline(ENOUGH)))
        .hasMessageContaining("Insufficient disk space");

    fake.deployFails = false;
    fake.vmsFail = true;
    CloudResource off = driver.boot(item, spec(), deadline(ENOUGH)).get(0);
    assertThatThrownBy(() -> driver.awaitAddress(off, deadline(ENOUGH)))
        .hasMessageContaining("POWERED_OFF");

    fake.vmsFail = false;
    fake.vmsHang = true;
    CloudResource silent = driver.boot(item, spec(), deadline(ENOUGH)).get(0);
    assertThatThrownBy(() -> driver.awaitAddress(silent, deadline(Duration.ofMillis(300))))
        .hasMessageContaining("timed out");
  }

  @Test
  void shouldFindAndDeleteTheVmOfADeploymentWhoseAnswerWasLost() throws Exception {
    CloudResource item = driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH));
    fake.deployReplyLost = true;

    assertThatThrownBy(() -> driver.boot(item, spec(), deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(504));
    assertThat(fake.vms).isEmpty();
    assertThat(fake.leftovers()).as("the item and its tag").isEqualTo(2);
  }

  @Test
  void shouldFindAndDeleteTheLibraryItemWhoseAnswerWasLost() {
    fake.itemReplyLost = true;

    assertThatThrownBy(() -> driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(502));
    assertThat(fake.leftovers()).isZero();
  }

  @Test
  void shouldPowerOffBeforeDeletingRemoveTheTagsAndCountWhatIsGoneAsDeleted() throws Exception {
    CloudResource item = driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH));
    CloudResource vm = driver.boot(item, spec(), deadline(ENOUGH)).get(0);
    driver.awaitAddress(vm, deadline(ENOUGH));

    driver.delete(vm, deadline(ENOUGH));
    driver.delete(item, deadline(ENOUGH));

    assertThat(fake.leftovers()).as("items, VMs and tags").isZero();
    assertThatThrownBy(() -> driver.delete(vm, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
    assertThatThrownBy(() -> driver.delete(item, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void shouldRefuseWrongCredentialsAndSurfaceServerErrors() throws Exception {
    assertThatThrownBy(() -> driver(fake, "wrong").uploadImage(vmdk(temp), BUILD, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("wrong user name or password");

    fake.failNext("POST", "/api/content/library/item/update-session", 500, 1);
    assertThatThrownBy(() -> driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(500));
    assertThat(fake.leftovers()).isZero();
  }

  @Test
  void shouldLogInAgainWhenTheSessionExpired() throws Exception {
    CloudResource item = driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH));
    fake.revokeSession();

    driver.heartbeat(item, Instant.parse("2026-02-03T04:05:06Z"));

    assertThat(fake.calls().stream().filter(c -> c.equals("POST /api/session"))).hasSize(2);
  }

  @Test
  void shouldDeleteTheTagOfAResourceThatVanishedOutsideCloudimg() throws Exception {
    CloudResource item = driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH));
    fake.vanish(item.id());

    assertThatThrownBy(() -> driver.delete(item, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
    assertThat(fake.tags).isEmpty();
  }

  @Test
  void shouldRefreshTheHeartbeatInTheTag() throws Exception {
    CloudResource item = driver.uploadImage(vmdk(temp), BUILD, deadline(ENOUGH));
    Instant beat = Instant.parse("2026-02-03T04:05:06Z");

    driver.heartbeat(item, beat);

    assertThat(driver.listOwned())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(item.id());
              assertThat(r.kind()).isEqualTo(CloudResource.Kind.IMAGE);
              assertThat(r.tags()).containsEntry(BuildIdentity.TAG_HEARTBEAT, beat.toString());
            });
  }
}
