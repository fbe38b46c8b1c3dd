package io.jenkins.plugins.cloudimages.deploy.opennebula;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenNebula driver against {@link FakeOpenNebula}, a fake written from the API reference. */
class OpenNebulaDriverTest {
  static final ImageSource IMAGE =
      new ImageSource(
          "CentOS-9-x86_64-GenericCloud-260101_01.qcow2",
          null,
          URI.create("https://images.example.org/9/CentOS-9-x86_64-GenericCloud.qcow2"),
          "qcow2",
          null);

  /** Ample for any call here, even on a loaded machine: only the timeout tests run short. */
  private static final Duration ENOUGH = Duration.ofSeconds(15);

  private static final BuildIdentity BUILD = new BuildIdentity("jenkins.example", "job#7", "dep1");

  private final FakeOpenNebula fake = new FakeOpenNebula();
  private final OpenNebulaDriver driver = driver(fake, FakeOpenNebula.SESSION);

  static OpenNebulaDriver driver(FakeOpenNebula fake, String session) {
    return new OpenNebulaDriver(
        new OpenNebulaDriver.Settings(
            fake.endpoint(), session, 1, FakeOpenNebula.NETWORK, 512, 1, Duration.ofMillis(5)),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static BootSpec spec() {
    return DriverCalls.bootSpec("cloudimg-job-7-abc", BUILD);
  }

  @Test
  void shouldImportTheImageFromItsUrlBootWithTheKeyInTheContextAndFindTheIp() throws Exception {
    CloudResource image = driver.uploadImage(IMAGE, BUILD, deadline(ENOUGH));
    List<CloudResource> booted = driver.boot(image, spec(), deadline(ENOUGH));
    InstanceAddress address = driver.awaitAddress(booted.get(0), deadline(ENOUGH));

    assertThat(address.host()).startsWith("10.1.0.");
    assertThat(address.port()).isEqualTo(22);
    Map<String, String> vm = fake.vmAttributes(Integer.parseInt(booted.get(0).id()));
    assertThat(vm)
        .containsEntry("CONTEXT.SSH_PUBLIC_KEY", "ssh-ed25519 AAAAC3Nza test")
        .containsEntry("CONTEXT.NETWORK", "YES")
        .containsEntry("CONTEXT.USERDATA_ENCODING", "base64")
        .containsEntry("NIC.NETWORK", "private")
        .containsEntry("DISK.IMAGE_ID", image.id())
        .containsEntry("CLOUDIMG_OWNER", "jenkins.example")
        .containsEntry("CLOUDIMG_DEPLOYMENT", "dep1");
    assertThat(
            new String(
                Base64.getDecoder().decode(vm.get("CONTEXT.USERDATA")), StandardCharsets.UTF_8))
        .isEqualTo(spec().userData());
    assertThat(image.tags()).containsEntry(BuildIdentity.TAG_BUILD, "job#7");
  }

  @Test
  void shouldRefuseAnImageWithoutPublishedUrl() {
    ImageSource local =
        new ImageSource("x.qcow2", java.nio.file.Path.of("/tmp/x.qcow2"), null, "qcow2", null);

    assertThatThrownBy(() -> driver.uploadImage(local, BUILD, deadline(ENOUGH)))
        .isInstanceOf(CloudException.class)
        .hasMessageContaining("published URL");
  }

  @Test
  void shouldSurfaceAnImageInErrorAndDeleteIt() {
    fake.imagesFail = true;

    assertThatThrownBy(() -> driver.uploadImage(IMAGE, BUILD, deadline(ENOUGH)))
        .hasMessageContaining("state ERROR")
        .hasMessageContaining("HTTP 404");
    assertThat(fake.leftovers()).isZero();
  }

  @Test
  void shouldSurfaceAVmThatFailsToBoot() throws Exception {
    fake.vmsFail = true;
    CloudResource image = driver.uploadImage(IMAGE, BUILD, deadline(ENOUGH));
    CloudResource vm = driver.boot(image, spec(), deadline(ENOUGH)).get(0);

    assertThatThrownBy(() -> driver.awaitAddress(vm, deadline(ENOUGH)))
        .hasMessageContaining("LCM_STATE 36")
        .hasMessageContaining("no space left");
  }

  @Test
  void shouldGiveUpOnABootPastTheDeadline() throws Exception {
    fake.vmsHang = true;
    CloudResource image = driver.uploadImage(IMAGE, BUILD, deadline(ENOUGH));
    CloudResource vm = driver.boot(image, spec(), deadline(ENOUGH)).get(0);
    long started = System.nanoTime();

    assertThatThrownBy(() -> driver.awaitAddress(vm, deadline(Duration.ofMillis(300))))
        .hasMessageContaining("timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldRefuseAWrongSession() {
    OpenNebulaDriver intruder = driver(fake, "oneadmin:wrong");

    assertThatThrownBy(() -> intruder.uploadImage(IMAGE, BUILD, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("authenticated");
    assertThat(fake.leftovers()).isZero();
  }

  @Test
  void shouldTerminateTheVmBeforeTheImageAndCountWhatIsGoneAsDeleted() throws Exception {
    CloudResource image = driver.uploadImage(IMAGE, BUILD, deadline(ENOUGH));
    CloudResource vm = driver.boot(image, spec(), deadline(ENOUGH)).get(0);
    driver.awaitAddress(vm, deadline(ENOUGH));

    assertThatThrownBy(() -> driver.delete(image, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("being used");
    driver.delete(vm, deadline(ENOUGH));
    driver.delete(vm, deadline(ENOUGH));
    driver.delete(image, deadline(ENOUGH));

    assertThat(fake.leftovers()).isZero();
    assertThatThrownBy(() -> driver.delete(image, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
    fake.forget(Integer.parseInt(vm.id()));
    assertThatThrownBy(() -> driver.delete(vm, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void shouldSurfaceServerErrorsWithTheirStatus() throws Exception {
    fake.failNext("POST", "/RPC2", 503, 1);
    assertThatThrownBy(() -> driver.uploadImage(IMAGE, BUILD, deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(503));

    fake.failNextCall("one.vm.allocate", 1);
    CloudResource image = driver.uploadImage(IMAGE, BUILD, deadline(ENOUGH));
    assertThatThrownBy(() -> driver.boot(image, spec(), deadline(ENOUGH)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(500))
        .hasMessageContaining("injected internal error");
  }

  @Test
  void shouldRefreshTheHeartbeatAndListOnlyTaggedResources() throws Exception {
    CloudResource image = driver.uploadImage(IMAGE, BUILD, deadline(ENOUGH));
    CloudResource vm = driver.boot(image, spec(), deadline(ENOUGH)).get(0);
    Instant beat = Instant.parse("2026-02-03T04:05:06Z");

    driver.heartbeat(vm, beat);
    driver.heartbeat(image, beat);

    assertThat(driver.listOwned())
        .extracting(CloudResource::kind, CloudResource::id, r -> r.tags().get("cloudimg-heartbeat"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                CloudResource.Kind.INSTANCE, vm.id(), beat.toString()),
            org.assertj.core.groups.Tuple.tuple(
                CloudResource.Kind.IMAGE, image.id(), beat.toString()));
    assertThat(driver.listOwned().get(0).tags()).containsEntry("cloudimg-owner", "jenkins.example");
  }
}
