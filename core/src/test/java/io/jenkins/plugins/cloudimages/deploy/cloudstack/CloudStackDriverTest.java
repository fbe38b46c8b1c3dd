package io.jenkins.plugins.cloudimages.deploy.cloudstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.FakeHttpApi;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.Janitor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CloudStack driver against {@link FakeCloudStackServer}, a fake written from its API
 * reference.
 */
class CloudStackDriverTest {
  private final FakeCloudStackServer cloud = new FakeCloudStackServer();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final BuildIdentity build = new BuildIdentity("ctl-a", "job#9", "cloudimg-job-9-def");

  @AfterEach
  void stop() {
    cloud.close();
  }

  static CloudSettings settings(FakeCloudStackServer cloud, Map<String, String> extra) {
    Map<String, String> options = new HashMap<>();
    options.put("zone", "zone-one");
    options.put("pollMs", "5");
    options.put("retryMs", "5");
    options.putAll(extra);
    return new CloudSettings(
        "cs",
        "cloudstack",
        cloud.url() + "/client/api",
        null,
        null,
        "Small Instance",
        "lab",
        options);
  }

  private CloudStackDriver driver(String secret) {
    return new CloudStackDriver(
        CloudStackDriver.Settings.from(settings(cloud, Map.of())),
        FakeCloudStackServer.API_KEY,
        secret,
        Clock.systemUTC(),
        log::add);
  }

  private CloudStackDriver driver() {
    return driver(FakeCloudStackServer.SECRET);
  }

  static ImageSource image() {
    return new ImageSource(
        "CentOS-9-x86_64-GenericCloud",
        null,
        URI.create("https://images.example/9/CentOS-9-x86_64-GenericCloud.qcow2"),
        "qcow2",
        "ab".repeat(32));
  }

  private static Deadline deadline() {
    return FakeHttpApi.deadline();
  }

  private BootSpec spec() {
    return FakeHttpApi.bootSpec(build, "#cloud-config\n");
  }

  @Test
  void shouldRegisterDeployAndDestroyEverything() throws Exception {
    CloudStackDriver driver = driver();

    CloudResource template = driver.uploadImage(image(), build, deadline());
    assertThat(cloud.tagsOf(template.id())).containsEntry(BuildIdentity.TAG_BUILD, "job#9");
    CloudResource vm = driver.boot(template, spec(), deadline()).get(0);
    assertThat(cloud.vmField(vm.id(), "userdata")).isEqualTo("#cloud-config\n");
    assertThat(cloud.vmField(vm.id(), "serviceofferingid")).isEqualTo("so-small");
    assertThat(cloud.vmField(vm.id(), "networkids")).isEqualTo("net-2");
    assertThat(cloud.tagsOf(vm.id()))
        .containsEntry(BuildIdentity.TAG_DEPLOYMENT, "cloudimg-job-9-def");
    assertThat(driver.awaitAddress(vm, deadline()).host()).isEqualTo("127.0.0.1");
    assertThat(driver.consoleOutput(vm)).isEmpty();
    assertThat(log).anyMatch(l -> l.contains("getVMConsole is not generally available"));

    driver.delete(vm, deadline());
    driver.delete(template, deadline());
    assertThat(cloud.live()).as(cloud.describe()).isZero();
    assertThat(cloud.commands())
        .containsSubsequence(
            "registertemplate",
            "createtags",
            "listtemplates",
            "deployvirtualmachine",
            "queryasyncjobresult",
            "destroyvirtualmachine",
            "deletetemplate");
    assertThat(cloud.refusedSignatures()).isZero();
  }

  @Test
  void shouldSurfaceTheErrortextOfAFailedDeployJob() throws Exception {
    CloudStackDriver driver = driver();
    CloudResource template = driver.uploadImage(image(), build, deadline());
    cloud.failNextJob(
        "deployVirtualMachine", "Insufficient capacity to deploy VM: no host has 8 GB");
    CloudResource vm = driver.boot(template, spec(), deadline()).get(0);

    assertThatThrownBy(() -> driver.awaitAddress(vm, deadline()))
        .hasMessageContaining("deployVirtualMachine failed")
        .hasMessageContaining("Insufficient capacity to deploy VM: no host has 8 GB");
    driver.delete(vm, deadline());
    driver.delete(template, deadline());
    assertThat(cloud.live()).as(cloud.describe()).isZero();
  }

  @Test
  void shouldReportAFailedDownloadAndRemoveTheTemplate() {
    cloud.failNextDownload("HTTP 404 from images.example");

    assertThatThrownBy(() -> driver().uploadImage(image(), build, deadline()))
        .hasMessageContaining("Failed to download template: HTTP 404 from images.example");
    assertThat(cloud.live()).as(cloud.describe()).isZero();
  }

  @Test
  void shouldRetryThrottledCallsAndAdoptAVmWhoseReplyWasLost() throws Exception {
    CloudStackDriver driver = driver();
    cloud.fail("listtemplates", 2, 429, null, "There are too many API calls");
    CloudResource template = driver.uploadImage(image(), build, deadline());
    cloud.loseReply("deployvirtualmachine");

    CloudResource vm = driver.boot(template, spec(), deadline()).get(0);

    assertThat(cloud.vmsCreated()).isEqualTo(1);
    assertThat(driver.awaitAddress(vm, deadline()).host()).isEqualTo("127.0.0.1");
    assertThat(cloud.injected()).isEqualTo(3);
  }

  @Test
  void shouldCountWhatIsAlreadyGoneAsNotFoundAndSurfaceOtherErrors() throws Exception {
    CloudStackDriver driver = driver();
    CloudResource vm = new CloudResource(CloudResource.Kind.INSTANCE, "vm-gone", null, Map.of());
    CloudResource template =
        new CloudResource(CloudResource.Kind.IMAGE, "tpl-gone", null, Map.of());

    assertThatThrownBy(() -> driver.delete(vm, deadline()))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
    assertThatThrownBy(() -> driver.delete(template, deadline()))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
    cloud.fail("listvirtualmachines", 1, 530, null, "Internal error executing command");
    assertThatThrownBy(driver::listOwned)
        .hasMessage(
            "cloudstack listVirtualMachines failed (error 530): Internal error executing command");
  }

  @Test
  void shouldNameTheMissingOfferingAndRefuseAnImageWithoutUrl() throws Exception {
    CloudStackDriver driver = driver();
    CloudResource template = driver.uploadImage(image(), build, deadline());
    BootSpec big =
        new BootSpec("n", "#", "root", "k", "Huge Instance", null, false, Map.of(), null);

    assertThatThrownBy(() -> driver.boot(template, big, deadline()))
        .hasMessage("cloudstack: no service offering named Huge Instance (have: [])");
    ImageSource fileOnly =
        new ImageSource("x", java.nio.file.Path.of("/tmp/x.qcow2"), null, "qcow2", null);
    assertThatThrownBy(() -> driver.uploadImage(fileOnly, build, deadline()))
        .hasMessageContaining("registers templates from the published URL");
  }

  @Test
  void shouldBeRefusedByTheFakeWhenSignedWithAnotherSecret() {
    assertThatThrownBy(() -> driver("wrong").listOwned())
        .hasMessageContaining("error 401")
        .hasMessageContaining("unable to verify user credentials");
    assertThat(cloud.refusedSignatures()).isEqualTo(1);
  }

  @Test
  void shouldReadTheSpareHeartbeatOfAResourceWhoseProcessDiedWhileItBeat() throws Exception {
    Map<String, String> tags =
        new java.util.LinkedHashMap<>(
            new BuildIdentity("ctl-b", "job#4", "d4").tags(Instant.parse("2026-01-01T00:00:00Z")));
    tags.remove(BuildIdentity.TAG_HEARTBEAT);
    tags.put(BuildIdentity.TAG_HEARTBEAT + "-spare", "2026-01-01T00:05:00.500Z");
    cloud.seed(tags);

    List<CloudResource> owned = driver().listOwned();

    assertThat(owned).hasSize(2);
    assertThat(owned)
        .allSatisfy(
            r ->
                assertThat(r.tags())
                    .containsEntry(BuildIdentity.TAG_HEARTBEAT, "2026-01-01T00:05:00.500Z")
                    .doesNotContainKey(BuildIdentity.TAG_HEARTBEAT + "-spare"));
  }

  @Test
  void shouldRefreshTheHeartbeatAndLetTheJanitorKeepAnotherControllersLiveResources()
      throws Exception {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    List<String> dead =
        cloud.seed(
            new BuildIdentity("ctl-dead", "job#1", "d1").tags(now.minus(Duration.ofHours(5))));
    List<String> live =
        cloud.seed(
            new BuildIdentity("ctl-other", "job#2", "d2").tags(now.minus(Duration.ofHours(5))));
    CloudStackDriver driver = driver();
    for (String id : live) {
      CloudResource.Kind kind =
          id.startsWith("vm-") ? CloudResource.Kind.INSTANCE : CloudResource.Kind.IMAGE;
      driver.heartbeat(new CloudResource(kind, id, null, Map.of()), now.minusSeconds(30));
    }

    Janitor.Report report =
        new Janitor(driver, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(5), log::add)
            .sweep(Duration.ofHours(2));

    assertThat(report.removed())
        .extracting(CloudResource::id)
        .containsExactlyInAnyOrderElementsOf(dead);
    assertThat(report.kept())
        .extracting(CloudResource::id)
        .containsExactlyInAnyOrderElementsOf(live);
    assertThat(cloud.tagsOf(live.get(0)))
        .containsEntry(BuildIdentity.TAG_HEARTBEAT, now.minusSeconds(30).toString())
        .containsEntry(BuildIdentity.TAG_OWNER, "ctl-other");
    assertThat(cloud.live()).isEqualTo(2);
  }
}
