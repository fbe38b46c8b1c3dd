package io.jenkins.plugins.cloudimages.deploy.ec2;

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
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EC2 driver against {@link FakeEc2Server}, a fake written from the EC2 and S3 references. */
class Ec2DriverTest {
  @TempDir Path temp;
  private final FakeEc2Server ec2 = new FakeEc2Server();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final BuildIdentity build = new BuildIdentity("ctl-a", "job#7", "cloudimg-job-7-abc");

  @AfterEach
  void stop() {
    ec2.close();
  }

  static CloudSettings settings(FakeEc2Server ec2, Map<String, String> extra) {
    Map<String, String> options = new java.util.HashMap<>();
    options.put("region", FakeEc2Server.REGION);
    options.put("s3Endpoint", ec2.url());
    options.put("bucket", FakeEc2Server.BUCKET);
    options.put("pollMs", "5");
    options.put("retryMs", "5");
    options.putAll(extra);
    return new CloudSettings("aws", "ec2", ec2.url(), null, null, "t3.micro", "subnet-42", options);
  }

  private Ec2Driver driver(String secret) {
    return new Ec2Driver(
        Ec2Driver.Settings.from(settings(ec2, Map.of())),
        new SigV4.Credentials(FakeEc2Server.ACCESS_KEY, secret, null),
        Clock.systemUTC(),
        log::add);
  }

  private Ec2Driver driver() {
    return driver(FakeEc2Server.SECRET);
  }

  private ImageSource rawImage() throws Exception {
    Path file = Files.write(temp.resolve("CentOS-9-x86_64-GenericCloud.raw"), new byte[4096]);
    return new ImageSource("CentOS-9-x86_64-GenericCloud", file, null, "raw", null);
  }

  private static Deadline deadline() {
    return FakeHttpApi.deadline();
  }

  private BootSpec spec() {
    return FakeHttpApi.bootSpec(build, "#cloud-config\nusers: []\n");
  }

  @Test
  void shouldImportRegisterBootReadTheConsoleAndDestroyEverything() throws Exception {
    Ec2Driver driver = driver();
    ec2.console = "cloud-init says hello\n";

    CloudResource image = driver.uploadImage(rawImage(), build, deadline());
    assertThat(image.id()).startsWith("ami-");
    assertThat(ec2.objects()).as("the S3 object goes once imported").isZero();
    assertThat(ec2.actions())
        .containsSubsequence(
            "S3 PUT",
            "ImportSnapshot",
            "DescribeImportSnapshotTasks",
            "CreateTags",
            "RegisterImage",
            "DescribeImages",
            "S3 DELETE");
    assertThat(ec2.tagsOf(image.id())).containsEntry(BuildIdentity.TAG_OWNER, "ctl-a");

    CloudResource instance = driver.boot(image, spec(), deadline()).get(0);
    assertThat(ec2.instanceFields(instance.id()))
        .containsEntry("userData", "#cloud-config\nusers: []\n")
        .containsEntry("type", "t3.micro")
        .containsEntry("subnet", "subnet-42");
    assertThat(ec2.tagsOf(instance.id()))
        .containsEntry(BuildIdentity.TAG_DEPLOYMENT, "cloudimg-job-7-abc");
    assertThat(driver.awaitAddress(instance, deadline()).host()).isEqualTo("127.0.0.1");
    assertThat(driver.consoleOutput(instance)).isEqualTo("cloud-init says hello\n");

    driver.delete(instance, deadline());
    driver.delete(image, deadline());
    assertThat(ec2.live()).as(ec2.describe()).isZero();
    assertThat(ec2.refusedSignatures()).isZero();
  }

  @Test
  void shouldRetryThrottlingAndServerErrors() throws Exception {
    Ec2Driver driver = driver();
    ec2.fail("RunInstances", 2, 503, "RequestLimitExceeded", "Request limit exceeded.");
    ec2.fail("DescribeImages", 1, 500, "InternalError", "An internal error has occurred");
    ec2.fail("S3 PUT", 1, 503, "SlowDown", "Please reduce your request rate.");

    CloudResource image = driver.uploadImage(rawImage(), build, deadline());
    CloudResource instance = driver.boot(image, spec(), deadline()).get(0);

    assertThat(ec2.injected()).isEqualTo(4);
    assertThat(ec2.instancesCreated()).isEqualTo(1);
    assertThat(instance.id()).startsWith("i-");
  }

  @Test
  void shouldReturnTheSameInstanceWhenTheRunInstancesReplyWasLost() throws Exception {
    Ec2Driver driver = driver();
    CloudResource image = driver.uploadImage(rawImage(), build, deadline());
    ec2.loseReply("RunInstances");

    CloudResource instance = driver.boot(image, spec(), deadline()).get(0);

    assertThat(ec2.instancesCreated()).isEqualTo(1);
    assertThat(ec2.instanceFields(instance.id())).containsEntry("image", image.id());
  }

  @Test
  void shouldSurfaceTheErrorCodeAndMessage() throws Exception {
    Ec2Driver driver = driver();
    CloudResource image = driver.uploadImage(rawImage(), build, deadline());
    ec2.fail("RunInstances", 1, 400, "InsufficientInstanceCapacity", "No t3.micro capacity");

    assertThatThrownBy(() -> driver.boot(image, spec(), deadline()))
        .isInstanceOf(CloudException.class)
        .hasMessage("ec2 RunInstances failed: InsufficientInstanceCapacity: No t3.micro capacity");
  }

  @Test
  void shouldReportAFailedImportAndLeaveNothingOfIt() throws Exception {
    ec2.failNextImport("ClientError: Disk validation failed [Unsupported VMDK File Format]");

    assertThatThrownBy(() -> driver().uploadImage(rawImage(), build, deadline()))
        .isInstanceOf(CloudException.class)
        .hasMessageContaining("Disk validation failed");
    assertThat(ec2.live()).as(ec2.describe()).isZero();
  }

  @Test
  void shouldCancelTheImportWhenItsDeadlinePasses() throws Exception {
    ec2.pollsUntilReady = 1_000_000;
    Deadline short1 = Deadline.in("upload", Duration.ofMillis(200), Clock.systemUTC());

    assertThatThrownBy(() -> driver().uploadImage(rawImage(), build, short1))
        .hasMessageContaining("upload timed out");
    assertThat(ec2.actions()).contains("CancelImportTask");
    assertThat(ec2.live()).as(ec2.describe()).isZero();
  }

  @Test
  void shouldCleanUpAnAbortedImportAndPassTheInterruptOn() throws Exception {
    ec2.pollsUntilReady = 1_000_000;
    ImageSource image = rawImage();
    java.util.concurrent.atomic.AtomicReference<Exception> thrown =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean interruptedAfter =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread uploading =
        new Thread(
            () -> {
              try {
                driver().uploadImage(image, build, deadline());
              } catch (CloudException e) {
                thrown.set(e);
                interruptedAfter.set(Thread.currentThread().isInterrupted());
              }
            });
    uploading.start();
    while (!ec2.actions().contains("DescribeImportSnapshotTasks")) {
      Thread.sleep(5);
    }
    uploading.interrupt();
    uploading.join(20_000);

    assertThat(thrown.get()).hasMessageContaining("interrupted");
    assertThat(interruptedAfter).isTrue();
    assertThat(ec2.actions()).contains("CancelImportTask", "S3 DELETE");
    assertThat(ec2.live()).as(ec2.describe()).isZero();
  }

  @Test
  void shouldSayWhyAnInstanceDiedWhileStarting() throws Exception {
    Ec2Driver driver = driver();
    CloudResource image = driver.uploadImage(rawImage(), build, deadline());
    ec2.failNextBoot("Server.InternalError: Internal error on launch");
    CloudResource instance = driver.boot(image, spec(), deadline()).get(0);

    assertThatThrownBy(() -> driver.awaitAddress(instance, deadline()))
        .hasMessageContaining("is terminated")
        .hasMessageContaining("Internal error on launch");
  }

  @Test
  void shouldUseThePrivateAddressWhenAskedAndFailAtOnceWithoutAPublicOne() throws Exception {
    Ec2Driver driver = driver();
    CloudResource image = driver.uploadImage(rawImage(), build, deadline());
    CloudResource instance = driver.boot(image, spec(), deadline()).get(0);
    ec2.noPublicIp = true;
    Ec2Driver privateIps =
        new Ec2Driver(
            Ec2Driver.Settings.from(settings(ec2, Map.of("usePrivateIp", "true"))),
            new SigV4.Credentials(FakeEc2Server.ACCESS_KEY, FakeEc2Server.SECRET, null),
            Clock.systemUTC(),
            log::add);

    assertThatThrownBy(() -> driver.awaitAddress(instance, deadline()))
        .hasMessageContaining("runs without a public address");
    assertThat(privateIps.awaitAddress(instance, deadline()).host()).isEqualTo("10.0.0.5");
  }

  @Test
  void shouldCountWhatIsAlreadyGoneAsNotFound() throws Exception {
    Ec2Driver driver = driver();
    CloudResource image = driver.uploadImage(rawImage(), build, deadline());
    CloudResource instance = driver.boot(image, spec(), deadline()).get(0);
    driver.delete(instance, deadline());
    driver.delete(image, deadline());
    CloudResource missing =
        new CloudResource(CloudResource.Kind.INSTANCE, "i-gone", null, Map.of());

    assertThatThrownBy(() -> driver.delete(missing, deadline()))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
    assertThatThrownBy(() -> driver.delete(image, deadline()))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void shouldRefuseUnsupportedFormatsClearly() {
    ImageSource iso = new ImageSource("img", temp.resolve("img.iso"), null, "iso", null);
    ImageSource qcow2Url =
        new ImageSource("img", null, java.net.URI.create("s3://b/img.qcow2"), "qcow2", null);

    assertThatThrownBy(() -> driver().uploadImage(iso, build, deadline()))
        .hasMessageContaining("ec2 imports raw, vmdk or vhd disks")
        .hasMessageContaining("not iso");
    assertThatThrownBy(() -> driver().uploadImage(qcow2Url, build, deadline()))
        .hasMessageContaining("not qcow2");
    assertThat(ec2.requests()).isZero();
  }

  @Test
  void shouldConvertAQcow2FileToAStreamOptimizedVmdkAndImportThat() throws Exception {
    RequiredTools.require("qemu-img");
    Path qcow2 = temp.resolve("CentOS-9-x86_64-GenericCloud.qcow2");
    ProcessRunner.Result created =
        new ProcessRunner().run("qemu-img", "create", "-f", "qcow2", qcow2.toString(), "8M");
    assertThat(created.succeeded()).as(created.describeFailure()).isTrue();
    ImageSource image = new ImageSource("CentOS-9", qcow2, null, "qcow2", null);

    CloudResource ami = driver().uploadImage(image, build, deadline());

    assertThat(ami.id()).startsWith("ami-");
    assertThat(ec2.imports())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("VMDK imports/cloudimg/")
        .endsWith("/CentOS-9-x86_64-GenericCloud.vmdk");
    assertThat(log).anyMatch(l -> l.contains("converting"));
  }

  @Test
  void shouldBeRefusedByTheFakeWhenSignedWithAnotherSecret() throws Exception {
    assertThatThrownBy(() -> driver("not-the-secret").uploadImage(rawImage(), build, deadline()))
        .hasMessageContaining("SignatureDoesNotMatch");
    assertThatThrownBy(() -> driver("not-the-secret").listOwned())
        .hasMessageContaining("AuthFailure");
    assertThat(ec2.refusedSignatures()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldListTaggedResourcesAndRefreshTheirHeartbeat() throws Exception {
    Ec2Driver driver = driver();
    List<String> seeded = ec2.seed(build.tags(Instant.parse("2026-01-01T00:00:00Z")));
    CloudResource instance =
        new CloudResource(CloudResource.Kind.INSTANCE, seeded.get(0), null, Map.of());

    driver.heartbeat(instance, Instant.parse("2026-01-01T01:00:00Z"));
    List<CloudResource> owned = driver.listOwned();

    assertThat(owned)
        .extracting(CloudResource::kind, CloudResource::id)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(CloudResource.Kind.INSTANCE, seeded.get(0)),
            org.assertj.core.groups.Tuple.tuple(CloudResource.Kind.IMAGE, seeded.get(1)),
            org.assertj.core.groups.Tuple.tuple(CloudResource.Kind.VOLUME, seeded.get(3)));
    assertThat(owned.get(0).tags())
        .containsEntry(BuildIdentity.TAG_HEARTBEAT, "2026-01-01T01:00:00Z");
  }

  @Test
  void shouldLetTheJanitorRemoveStaleResourcesAndKeepAnotherControllersLiveOnes() throws Exception {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    ec2.seed(new BuildIdentity("ctl-dead", "job#1", "d1").tags(now.minus(Duration.ofHours(5))));
    List<String> live =
        ec2.seed(new BuildIdentity("ctl-other", "job#2", "d2").tags(now.minusSeconds(60)));

    Janitor.Report report =
        new Janitor(
                driver(),
                Clock.fixed(now, java.time.ZoneOffset.UTC),
                Duration.ofSeconds(5),
                log::add)
            .sweep(Duration.ofHours(2));

    assertThat(report.removed()).hasSize(3);
    assertThat(report.failed()).isEmpty();
    assertThat(report.kept())
        .extracting(CloudResource::id)
        .containsExactlyInAnyOrder(live.get(0), live.get(1), live.get(3));
    assertThat(ec2.live()).as("instance, image + its snapshot, orphan snapshot").isEqualTo(4);
  }
}
