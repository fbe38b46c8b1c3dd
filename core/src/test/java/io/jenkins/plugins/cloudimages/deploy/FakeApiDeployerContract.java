package io.jenkins.plugins.cloudimages.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every driver for a cloud behind a fake HTTP API must survive when run by the {@link
 * Deployer}: a whole deployment reached over SSH, and failures at upload, boot, a boot that never
 * ends, an abort, deletes that fail before they work and a lost reply of the call that starts the
 * instance — each time nothing may be left in the fake cloud. The instance is a real sshd on
 * loopback standing in for the booted guest (the fake clouds cannot run one): its port replaces the
 * cloud's, the per-build key is added to it at boot, and its host key is what the console shows.
 */
public abstract class FakeApiDeployerContract {
  @TempDir protected Path temp;
  protected final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private LoopbackSshd sshd;

  /** The driver under test, talking to the fake. */
  protected abstract CloudDriver driver();

  /** The image to deploy. */
  protected abstract ImageSource image() throws IOException;

  /** What still exists in the fake cloud. */
  protected abstract int live();

  protected abstract String describeCloud();

  /** How many instances the fake ever created. */
  protected abstract int instancesCreated();

  /** The next upload (import, download) fails in the cloud. */
  protected abstract void failNextUpload();

  /** The next instance fails while it starts, with {@code reason}. */
  protected abstract void failNextBoot(String reason);

  /** Instances stay pending for ever. */
  protected abstract void instancesNeverRun();

  /** What the cloud's console shows from now on (for drivers that have one). */
  protected void showConsole(String console) {}

  /** The next {@code times} deletes of an instance fail with a server error. */
  protected abstract void failInstanceDeletes(int times);

  /** The reply of the call that starts the instance is lost once. */
  protected abstract void loseBootReply();

  /** The tags the fake holds for {@code id}. */
  protected abstract java.util.Map<String, String> tagsOf(String id);

  /** Whether the driver shows a console (the host key is read from it) or not. */
  protected boolean hasConsole() {
    return true;
  }

  @AfterEach
  void stopSshd() {
    if (sshd != null) {
      sshd.close();
    }
  }

  private Deployer deployer(CloudDriver driver) {
    return new Deployer(
        driver,
        new BuildIdentity("ctl", "job#3"),
        temp.resolve("work"),
        Clock.systemUTC(),
        log::add);
  }

  private Deployer.Options options(Duration boot) {
    return Deployer.Options.defaults()
        .withHostKeyMode(HostKeyMode.CONSOLE)
        .withLoginUser(sshd == null ? "root" : sshd.user())
        .withHeartbeat(Duration.ofMillis(100))
        .withTimeouts(
            new DeployTimeouts(
                Duration.ofSeconds(20), boot, Duration.ofSeconds(20), Duration.ofSeconds(10)));
  }

  private Deployer.Options options() {
    return options(Duration.ofSeconds(20));
  }

  @Test
  void shouldDeployReachOverSshAndDestroyEverything() throws Exception {
    sshd = LoopbackSshd.start(Files.createDirectories(temp.resolve("sshd")));
    showConsole(LoopbackInstances.console(sshd));
    Deployer deployer =
        deployer(
            new LoopbackInstances(
                driver(), sshd, hasConsole() ? null : LoopbackInstances.console(sshd)));
    String instanceId;

    try (Deployment deployment = deployer.deploy(image(), options())) {
      instanceId = deployment.id();
      String firstBeat = tagsOf(instanceId).get(BuildIdentity.TAG_HEARTBEAT);
      RemoteShell.Result result = deployment.shell().run("echo hello", Duration.ofSeconds(20));
      assertThat(result.output()).contains("hello");
      Thread.sleep(400);
      assertThat(tagsOf(instanceId).get(BuildIdentity.TAG_HEARTBEAT))
          .as("heartbeat refreshed")
          .isNotEqualTo(firstBeat);
    }
    assertThat(live()).as(describeCloud()).isZero();
  }

  @Test
  void shouldDestroyEverythingWhenTheUploadFails() throws Exception {
    failNextUpload();

    assertThatThrownBy(() -> deployer(driver()).deploy(image(), options()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("failed during upload");
    assertThat(live()).as(describeCloud()).isZero();
  }

  @Test
  void shouldDestroyEverythingAndSayWhyWhenTheInstanceFailsToStart() throws Exception {
    failNextBoot("no valid host was found");

    assertThatThrownBy(() -> deployer(driver()).deploy(image(), options()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("failed during boot")
        .hasMessageContaining("no valid host was found");
    assertThat(live()).as(describeCloud()).isZero();
  }

  @Test
  void shouldDestroyEverythingWhenTheBootTimesOut() throws Exception {
    instancesNeverRun();

    assertThatThrownBy(() -> deployer(driver()).deploy(image(), options(Duration.ofMillis(800))))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("failed during boot")
        .hasMessageContaining("timed out");
    assertThat(live()).as(describeCloud()).isZero();
  }

  @Test
  void shouldDestroyEverythingWhenAbortedDuringTheBoot() throws Exception {
    Deployer deployer = deployer(driver());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread deploying =
        new Thread(
            () -> {
              try {
                deployer.deploy(image(), options());
              } catch (Exception | Error e) {
                failure.set(e);
              }
            });
    instancesNeverRun();
    deploying.start();
    Instant end = Instant.now().plusSeconds(20);
    while (instancesCreated() == 0 && Instant.now().isBefore(end)) {
      Thread.sleep(10);
    }
    deploying.interrupt();
    deploying.join(30_000);

    assertThat(failure.get()).isInstanceOf(InterruptedException.class);
    assertThat(live()).as(describeCloud()).isZero();
  }

  @Test
  void shouldRetryDeletesThatFailAndLeaveNothing() throws Exception {
    failNextBoot("instance failed");
    failInstanceDeletes(2);

    assertThatThrownBy(() -> deployer(driver()).deploy(image(), options()))
        .isInstanceOf(DeploymentException.class);
    assertThat(live()).as(describeCloud()).isZero();
    assertThat(log).anyMatch(l -> l.contains("failed (attempt 1)") || l.contains("retrying"));
  }

  @Test
  void shouldStartOneInstanceWhenItsReplyIsLost() throws Exception {
    loseBootReply();
    failNextBoot("then it failed");

    assertThatThrownBy(() -> deployer(driver()).deploy(image(), options()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("failed during boot");
    assertThat(instancesCreated()).isEqualTo(1);
    assertThat(live()).as(describeCloud()).isZero();
  }

  static Stream<Arguments> faults() {
    return Stream.of(
            Point.UPLOAD, Point.BOOT, Point.ADDRESS, Point.REACHABLE, Point.DELETE, Point.LIST)
        .flatMap(
            p ->
                Stream.of(Mode.FAIL_BEFORE, Mode.FAIL_AFTER, Mode.NOT_FOUND, Mode.INTERRUPT)
                    .map(m -> Arguments.of(p, m)));
  }

  /**
   * The fault-injection run on the real driver and its fake API: each fault once at each point,
   * among them a reply lost after the cloud created the image or instance, which only the
   * deployment's final sweep of its tagged resources can find.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("faults")
  void shouldLeaveNothingBehindWhateverFaultStrikes(Point point, Mode mode) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread deploying =
        new Thread(
            () -> {
              CloudDriver driver =
                  new FaultInjectingDriver(
                      new ExecGuest(driver(), id -> true), point, mode, 1, Thread.currentThread());
              try (Deployment deployment = deployer(driver).deploy(image(), options())) {
                deployment.shell().run("true", Duration.ofSeconds(5));
              } catch (Exception | Error e) {
                failure.set(e);
              }
            });
    deploying.start();
    deploying.join(60_000);

    assertThat(deploying.isAlive()).isFalse();
    assertThat(live())
        .as(point + " " + mode + ": " + failure.get() + " left " + describeCloud())
        .isZero();
  }

  /** A clouds file naming the fake as cloud {@code fake}, with its credentials file beside it. */
  protected abstract Path cloudsFile(Path dir) throws IOException;

  /** The image argument (a file or URL) and format the child deploys. */
  protected abstract String[] childImage() throws IOException;

  @Test
  void shouldDestroyEverythingWhenTheJvmExitsDuringTheBoot() throws Exception {
    String[] image = childImage();

    FakeApiChild.run(temp, cloudsFile(temp), image[0], image[1], Point.BOOT, Mode.EXIT);

    assertThat(instancesCreated()).as(Files.readString(temp.resolve("child.log"))).isEqualTo(1);
    assertThat(live()).as(describeCloud()).isZero();
  }

  @Test
  void shouldLetTheJanitorRemoveWhatAKilledJvmLeft() throws Exception {
    String[] image = childImage();

    FakeApiChild.run(temp, cloudsFile(temp), image[0], image[1], Point.BOOT, Mode.HALT);
    assertThat(live()).as(Files.readString(temp.resolve("child.log"))).isPositive();
    Janitor.Report report =
        new Janitor(
                driver(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(3)),
                Duration.ofSeconds(10),
                log::add)
            .sweep(Duration.ofHours(2));

    assertThat(report.removed())
        .extracting(CloudResource::kind)
        .contains(CloudResource.Kind.INSTANCE, CloudResource.Kind.IMAGE);
    assertThat(live()).as(describeCloud()).isZero();
  }
}
