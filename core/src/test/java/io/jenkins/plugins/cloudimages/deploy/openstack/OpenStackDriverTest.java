package io.jenkins.plugins.cloudimages.deploy.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.CloudsFile;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.InstanceAddress;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenStack driver against {@link FakeOpenStack}, a fake written from the API reference. */
class OpenStackDriverTest {
  private static final BuildIdentity BUILD = new BuildIdentity("ci.example", "images#7", "dep-1");

  @TempDir Path temp;
  private FakeOpenStack fake;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    fake = FakeOpenStack.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private CloudDriver driver(String... options) throws Exception {
    return DriverRegistry.create(fake.cloud(temp, options), log::add);
  }

  private ImageSource image(int bytes) throws Exception {
    byte[] data = new byte[bytes];
    new Random(bytes).nextBytes(data);
    Path file = Files.write(temp.resolve("CentOS-9-x86_64-GenericCloud.qcow2"), data);
    return new ImageSource("CentOS-9-x86_64-GenericCloud", file, null, "qcow2", sha256(data));
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static Deadline in(Duration duration) {
    return Deadline.in("test", duration, Clock.systemUTC());
  }

  private static BootSpec spec(boolean floatingIp) {
    return new BootSpec(
        "cloudimg-images-7-abc",
        "#cloud-config\nssh_authorized_keys:\n  - ssh-ed25519 AAAAC3Nza test\n",
        "root",
        "ssh-ed25519 AAAAC3Nza test",
        null,
        null,
        floatingIp,
        BUILD.tags(Instant.parse("2026-11-25T12:00:00Z")),
        null);
  }

  @Test
  void shouldUploadTheFileBootWithUserDataAndDestroyEverything() throws Exception {
    CloudDriver driver = driver();
    ImageSource source = image(3 * 1024 * 1024 + 17);

    CloudResource image = driver.uploadImage(source, BUILD, in(Duration.ofSeconds(20)));

    assertThat(fake.uploads)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.bytes()).isEqualTo(Files.size(source.file()));
              assertThat(u.sha256()).isEqualTo(source.sha256());
              assertThat(u.api()).isEqualTo("v2");
            });
    JsonNode stored = fake.image(image.id());
    assertThat(stored.path("status").asText()).isEqualTo("active");
    assertThat(stored.path("disk_format").asText()).isEqualTo("qcow2");
    assertThat(stored.path("tags").toString()).contains("cloudimg");
    assertThat(stored.path(BuildIdentity.TAG_OWNER).asText()).isEqualTo("ci.example");
    assertThat(stored.path(BuildIdentity.TAG_DEPLOYMENT).asText()).isEqualTo("dep-1");

    List<CloudResource> booted = driver.boot(image, spec(false), in(Duration.ofSeconds(10)));
    assertThat(booted)
        .singleElement()
        .extracting(CloudResource::kind)
        .isEqualTo(CloudResource.Kind.INSTANCE);
    JsonNode request = fake.bootRequests.get(0).path("server");
    assertThat(request.path("flavorRef").asText()).isEqualTo("2");
    assertThat(request.path("networks").path(0).path("uuid").asText())
        .isEqualTo(FakeOpenStack.PRIVATE_NET);
    assertThat(request.path("config_drive").asBoolean()).isTrue();
    assertThat(
            new String(
                Base64.getDecoder().decode(request.path("user_data").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo(spec(false).userData());
    assertThat(request.path("metadata").path(BuildIdentity.TAG_BUILD).asText())
        .isEqualTo("images#7");

    InstanceAddress address = driver.awaitAddress(booted.get(0), in(Duration.ofSeconds(10)));
    assertThat(address.host()).startsWith("10.0.0.");
    assertThat(address.port()).isEqualTo(22);
    assertThat(driver.consoleOutput(booted.get(0)))
        .contains("fake console of " + booted.get(0).id());
    assertThat(driver.listOwned())
        .extracting(CloudResource::id)
        .containsExactlyInAnyOrder(image.id(), booted.get(0).id());

    driver.delete(booted.get(0), in(Duration.ofSeconds(10)));
    driver.delete(image, in(Duration.ofSeconds(10)));
    assertThat(fake.resources()).isZero();
    assertThat(driver.listOwned()).isEmpty();
  }

  @Test
  void shouldRefreshTheHeartbeatOfServerImageAndFloatingIp() throws Exception {
    CloudDriver driver = driver();
    CloudResource image = driver.uploadImage(image(1000), BUILD, in(Duration.ofSeconds(10)));
    List<CloudResource> booted = driver.boot(image, spec(true), in(Duration.ofSeconds(10)));
    Instant beat = Instant.parse("2026-11-25T13:00:00Z");

    for (CloudResource r : List.of(image, booted.get(0), booted.get(1))) {
      driver.heartbeat(r, beat);
    }

    assertThat(driver.listOwned())
        .hasSize(3)
        .allSatisfy(
            r ->
                assertThat(r.tags())
                    .containsEntry(BuildIdentity.TAG_HEARTBEAT, beat.toString())
                    .containsEntry(BuildIdentity.TAG_OWNER, "ci.example")
                    .containsEntry(BuildIdentity.TAG_BUILD, "images#7")
                    .containsEntry(BuildIdentity.TAG_DEPLOYMENT, "dep-1"));
  }

  @Test
  void shouldAttachAFloatingIpOnTheExternalNetworkAsItsOwnResource() throws Exception {
    CloudDriver driver = driver("floatingIpPool", "public");
    CloudResource image = driver.uploadImage(image(1000), BUILD, in(Duration.ofSeconds(10)));

    List<CloudResource> booted = driver.boot(image, spec(true), in(Duration.ofSeconds(10)));

    assertThat(booted)
        .extracting(CloudResource::kind)
        .containsExactly(CloudResource.Kind.INSTANCE, CloudResource.Kind.FLOATING_IP);
    JsonNode fip = fake.floatingIp(booted.get(1).id());
    assertThat(fip.path("floating_network_id").asText()).isEqualTo(FakeOpenStack.PUBLIC_NET);
    assertThat(fip.path("port_id").asText()).startsWith("port-");
    assertThat(driver.awaitAddress(booted.get(0), in(Duration.ofSeconds(5))).host())
        .isEqualTo(fip.path("floating_ip_address").asText());

    driver.delete(booted.get(1), in(Duration.ofSeconds(5)));
    driver.delete(booted.get(0), in(Duration.ofSeconds(5)));
    driver.delete(image, in(Duration.ofSeconds(5)));
    assertThat(fake.resources()).isZero();
  }

  @Test
  void shouldSurfaceTheFaultMessageOfAServerInError() throws Exception {
    fake.boot(FakeOpenStack.Boot.ERROR, 2);
    fake.faultMessage("Exceeded maximum number of retries. No valid host was found.");
    CloudDriver driver = driver();
    CloudResource image = driver.uploadImage(image(100), BUILD, in(Duration.ofSeconds(10)));
    CloudResource server = driver.boot(image, spec(false), in(Duration.ofSeconds(5))).get(0);

    assertThatThrownBy(() -> driver.awaitAddress(server, in(Duration.ofSeconds(5))))
        .isInstanceOf(CloudException.class)
        .hasMessage(
            "server "
                + server.id()
                + " went to ERROR: Exceeded maximum number of retries."
                + " No valid host was found. (code 500)");
  }

  @Test
  void shouldGiveUpWaitingForAServerThatStaysInBuildAtTheDeadline() throws Exception {
    fake.boot(FakeOpenStack.Boot.NEVER, 0);
    CloudDriver driver = driver();
    CloudResource image = driver.uploadImage(image(100), BUILD, in(Duration.ofSeconds(10)));
    CloudResource server = driver.boot(image, spec(false), in(Duration.ofSeconds(5))).get(0);
    long started = System.nanoTime();

    assertThatThrownBy(() -> driver.awaitAddress(server, in(Duration.ofMillis(300))))
        .hasMessageContaining("timed out: server " + server.id() + " is still BUILD");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void shouldDeleteTheServerItBootedWhenTheFloatingIpCannotBeCreated() throws Exception {
    fake.fail("POST", "/floatingips$", 500, 1);
    CloudDriver driver = driver();
    CloudResource image = driver.uploadImage(image(100), BUILD, in(Duration.ofSeconds(10)));

    assertThatThrownBy(() -> driver.boot(image, spec(true), in(Duration.ofSeconds(5))))
        .hasMessageContaining("creating a floating IP")
        .hasMessageContaining("HTTP 500");
    assertThat(fake.servers()).isZero();
    assertThat(fake.floatingIps()).isZero();
  }

  @Test
  void shouldDeleteTheImageWhoseUploadFailed() throws Exception {
    fake.fail("PUT", "/file$", 503, 1);
    CloudDriver driver = driver();

    assertThatThrownBy(() -> driver.uploadImage(image(5000), BUILD, in(Duration.ofSeconds(10))))
        .isInstanceOf(CloudException.class)
        .hasMessageContaining("uploading")
        .hasMessageContaining("HTTP 503: 503 injected fault");
    assertThat(fake.images()).isZero();
  }

  @Test
  void shouldRetryDeletesAnsweredWith409Or5xxAndReportAGoneResourceAsNotFound() throws Exception {
    CloudDriver driver = driver();
    CloudResource image = driver.uploadImage(image(100), BUILD, in(Duration.ofSeconds(10)));
    fake.fail("DELETE", "/images/", 409, 2);
    fake.fail("DELETE", "/images/", 500, 1);

    driver.delete(image, in(Duration.ofSeconds(5)));

    assertThat(fake.images()).isZero();
    assertThat(fake.requests.stream().filter(r -> r.startsWith("DELETE /image/v2/images/")))
        .hasSize(4);
    assertThatThrownBy(() -> driver.delete(image, in(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void shouldStopRetryingADeleteAtItsDeadline() throws Exception {
    CloudDriver driver = driver();
    CloudResource image = driver.uploadImage(image(100), BUILD, in(Duration.ofSeconds(10)));
    fake.fail("DELETE", "/images/", 500, 1000);

    assertThatThrownBy(() -> driver.delete(image, in(Duration.ofMillis(200))))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.status()).isEqualTo(500));
    assertThat(fake.images()).isOne();
  }

  @Test
  void shouldAuthenticateAgainOnceWhenATokenIsRefused() throws Exception {
    CloudDriver driver = driver();
    driver.listOwned();
    fake.expireTokens();

    driver.uploadImage(image(100), BUILD, in(Duration.ofSeconds(10)));

    assertThat(fake.authentications).hasValue(2);
    assertThat(fake.refusedTokens).hasValue(1);
  }

  @Test
  void shouldAuthenticateAgainBeforeATokenExpires() throws Exception {
    Clock[] now = {Clock.systemUTC()};
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0].instant();
          }
        };
    CloudDriver driver = new OpenStackDriver(fake.cloud(temp), clock, log::add);
    driver.listOwned();
    driver.listOwned();
    assertThat(fake.authentications).hasValue(1);

    now[0] = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(59).plusSeconds(30));
    driver.listOwned();

    assertThat(fake.authentications).hasValue(2);
    assertThat(fake.refusedTokens).hasValue(0);
  }

  @Test
  void shouldUseTheEndpointsOfTheConfiguredInterface() throws Exception {
    CloudDriver driver = driver("interface", "internal");

    assertThatThrownBy(driver::listOwned)
        .isInstanceOf(CloudException.class)
        .hasMessageContaining("listing servers: cannot reach http://internal.RegionOne.invalid:1/");
  }

  @Test
  void shouldScopeToAProjectGivenById() throws Exception {
    CloudSettings cloud = fake.cloud(temp);
    Files.writeString(
        cloud.credentialsFile(),
        "OS_USERNAME="
            + FakeOpenStack.USER
            + "\nOS_PASSWORD="
            + FakeOpenStack.PASSWORD
            + "\nOS_PROJECT_ID="
            + FakeOpenStack.PROJECT_ID
            + "\n");

    assertThat(DriverRegistry.create(cloud, log::add).listOwned()).isEmpty();
  }

  @Test
  void shouldAuthenticateWithAnApplicationCredentialGivenAsJson() throws Exception {
    CloudSettings base = fake.cloud(temp);
    Path credentials = temp.resolve("app.json");
    Files.writeString(
        credentials,
        "{\"applicationCredentialId\": \""
            + FakeOpenStack.APP_CREDENTIAL_ID
            + "\",\n \"applicationCredentialSecret\": \""
            + FakeOpenStack.APP_CREDENTIAL_SECRET
            + "\"}\n");
    CloudSettings app =
        new CloudSettings(
            base.name(),
            base.type(),
            base.endpoint(),
            null,
            credentials,
            base.flavor(),
            base.network(),
            base.options());

    assertThat(DriverRegistry.create(app, log::add).listOwned()).isEmpty();
    assertThat(fake.authentications).hasValue(1);
  }

  @Test
  void shouldAuthenticateWithKeystoneV2AndTheTenantName() throws Exception {
    CloudSettings base = fake.cloud(temp);
    CloudSettings v2 =
        new CloudSettings(
            base.name(),
            base.type(),
            fake.identityV2(),
            null,
            base.credentialsFile(),
            base.flavor(),
            base.network(),
            base.options());
    CloudDriver driver = DriverRegistry.create(v2, log::add);

    CloudResource image = driver.uploadImage(image(100), BUILD, in(Duration.ofSeconds(10)));

    assertThat(fake.requests).contains("POST /identity/v2.0/tokens");
    assertThat(driver.listOwned()).extracting(CloudResource::id).containsExactly(image.id());
  }

  @Test
  void shouldRefuseWrongCredentialsWithoutRepeatingThem() throws Exception {
    CloudSettings base = fake.cloud(temp);
    Files.writeString(
        base.credentialsFile(), "username=demo\npassword=wrong-one\nproject=cloudimg-ci\n");

    assertThatThrownBy(() -> DriverRegistry.create(base, log::add).listOwned())
        .isInstanceOf(CloudException.class)
        .hasMessageContaining("authenticating at " + fake.identityV3() + "/auth/tokens")
        .hasMessageContaining("HTTP 401: The request you have made requires authentication.")
        .hasMessageNotContaining("wrong-one");
  }

  @Test
  void shouldSayWhichEndpointTheCatalogLacks() throws Exception {
    CloudDriver driver = driver("region", "Nowhere");

    assertThatThrownBy(driver::listOwned)
        .hasMessageStartingWith(
            "the service catalog has no compute endpoint (public in region Nowhere)")
        .hasMessageContaining("RegionOne");
  }

  @Test
  void shouldFallBackToGlanceV1WhenTheCloudDoesNotServeV2() throws Exception {
    fake.imageV2(false);
    CloudDriver driver = driver();
    ImageSource source = image(70_000);

    CloudResource image = driver.uploadImage(source, BUILD, in(Duration.ofSeconds(10)));
    driver.heartbeat(image, Instant.parse("2026-11-25T14:00:00Z"));

    assertThat(fake.uploads)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.api()).isEqualTo("v1");
              assertThat(u.sha256()).isEqualTo(source.sha256());
            });
    assertThat(fake.image(image.id()).path("properties").path(BuildIdentity.TAG_OWNER).asText())
        .isEqualTo("ci.example");
    assertThat(driver.listOwned())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.tags())
                    .containsEntry(BuildIdentity.TAG_HEARTBEAT, "2026-11-25T14:00:00Z")
                    .containsEntry(BuildIdentity.TAG_BUILD, "images#7"));
    CloudDriver janitorsDriver = driver();
    assertThat(janitorsDriver.listOwned())
        .extracting(CloudResource::id)
        .containsExactly(image.id());
    janitorsDriver.delete(image, in(Duration.ofSeconds(5)));
    assertThat(fake.images()).isZero();
  }

  @Test
  void shouldLetGlanceDownloadThePublishedUrlWhenAsked() throws Exception {
    CloudDriver driver = driver("imageUpload", "web-download");
    URI url = URI.create("https://images.example/9/images/CentOS-9-x86_64-GenericCloud.qcow2");
    ImageSource source = new ImageSource("CentOS-9", null, url, "qcow2", null);

    CloudResource image = driver.uploadImage(source, BUILD, in(Duration.ofSeconds(10)));

    assertThat(fake.uploads).isEmpty();
    assertThat(fake.image(image.id()).path("cloudimg-fake-imported-from").asText())
        .isEqualTo(url.toString());
    assertThat(fake.image(image.id()).path("status").asText()).isEqualTo("active");
  }

  @Test
  void shouldRefuseImagesOpenStackCannotBoot() throws Exception {
    CloudDriver driver = driver();
    Path xz = Files.writeString(temp.resolve("image.qcow2.xz"), "x");

    assertThatThrownBy(
            () ->
                driver.uploadImage(
                    new ImageSource("i", xz, null, "qcow2", null),
                    BUILD,
                    in(Duration.ofSeconds(5))))
        .hasMessageContaining("decompress image.qcow2.xz");
    Path tar = Files.writeString(temp.resolve("rootfs.tar"), "x");
    assertThatThrownBy(
            () ->
                driver.uploadImage(
                    new ImageSource("i", tar, null, "tar", null), BUILD, in(Duration.ofSeconds(5))))
        .hasMessageContaining("cannot boot image format 'tar'");
    assertThat(fake.images()).isZero();
  }

  @Test
  void shouldNameTheCloudAndOptionOfAWrongSetting() throws Exception {
    assertThatThrownBy(() -> driver("floatingIP", "true"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cloud fake-openstack: unknown openstack option floatingIP");
    assertThatThrownBy(() -> driver("pollInterval", "soon"))
        .hasMessageContaining("cloud fake-openstack: pollInterval: 'soon' is not a duration");
    assertThat(DriverRegistry.get("OpenStack")).isEqualTo(DriverRegistry.DriverType.OPENSTACK);
  }

  @Test
  void shouldNameAFlavorOrNetworkTheCloudDoesNotHave() throws Exception {
    CloudSettings base = fake.cloud(temp);
    CloudDriver driver = DriverRegistry.create(base, log::add);
    CloudResource image = driver.uploadImage(image(100), BUILD, in(Duration.ofSeconds(10)));
    CloudDriver noFlavor =
        DriverRegistry.create(
            new CloudSettings(
                base.name(),
                base.type(),
                base.endpoint(),
                null,
                base.credentialsFile(),
                "m9.huge",
                "private",
                base.options()),
            log::add);
    CloudDriver noNetwork =
        DriverRegistry.create(
            new CloudSettings(
                base.name(),
                base.type(),
                base.endpoint(),
                null,
                base.credentialsFile(),
                "m1.small",
                "nowhere",
                base.options()),
            log::add);

    assertThatThrownBy(() -> noFlavor.boot(image, spec(false), in(Duration.ofSeconds(5))))
        .hasMessage("cloud fake-openstack has no flavor m9.huge (flavors: [m1.small, m1.tiny])");
    assertThatThrownBy(() -> noNetwork.boot(image, spec(false), in(Duration.ofSeconds(5))))
        .hasMessage("cloud fake-openstack has no network nowhere");
    assertThat(fake.servers()).isZero();
  }

  @Test
  void shouldWorkFromTheReadmesCloudsFileWithAnOpenrcBesideIt() throws Exception {
    Path clouds = temp.resolve("clouds.json");
    Files.writeString(
        clouds,
        """
        {"clouds": {"lab": {
          "type": "openstack",
          "endpoint": "%s",
          "credentialsFile": "lab-openstack.cred",
          "flavor": "m1.small",
          "network": "private",
          "options": {"region": "RegionOne", "floatingIpPool": "public", "floatingIp": "true",
                      "pollInterval": "20ms"}}}}
        """
            .formatted(fake.identityV3()));
    Files.writeString(
        temp.resolve("lab-openstack.cred"),
        """
        export OS_AUTH_URL=%s
        export OS_USERNAME=%s
        export OS_PASSWORD="%s"
        export OS_PROJECT_NAME=%s
        export OS_USER_DOMAIN_NAME=Default
        export OS_PROJECT_DOMAIN_NAME=Default
        """
            .formatted(
                fake.identityV3(),
                FakeOpenStack.USER,
                FakeOpenStack.PASSWORD,
                FakeOpenStack.PROJECT));
    CloudDriver driver = DriverRegistry.create(CloudsFile.find(clouds, "lab"), log::add);
    CloudResource image = driver.uploadImage(image(100), BUILD, in(Duration.ofSeconds(10)));

    List<CloudResource> booted = driver.boot(image, spec(false), in(Duration.ofSeconds(10)));

    assertThat(booted)
        .extracting(CloudResource::kind)
        .containsExactly(CloudResource.Kind.INSTANCE, CloudResource.Kind.FLOATING_IP);
  }

  @Test
  void shouldLeaveOtherPeoplesServersOutOfTheOwnedList() throws Exception {
    fake.foreignServer();

    assertThat(driver().listOwned()).isEmpty();
    assertThat(fake.servers()).isOne();
  }
}
