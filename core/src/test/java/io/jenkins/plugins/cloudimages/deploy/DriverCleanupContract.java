package io.jenkins.plugins.cloudimages.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every cloud driver owes the {@link Deployer}, checked against the driver's FAKE server
 * (stateful, written from the cloud's API reference): a deployment reaches a running instance and
 * leaves nothing behind when closed; a fault at any call (a lost reply, a call that overruns its
 * deadline, an abort) leaves nothing behind either; the janitor removes what a stale build left and
 * keeps what a live one owns.
 */
public abstract class DriverCleanupContract {
  protected static final DeployTimeouts TIMEOUTS =
      new DeployTimeouts(
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofSeconds(1),
          Duration.ofSeconds(3));

  /** Where nothing is injected: a phase ends only on a machine far slower than a loaded CI one. */
  private static final Duration SLOW_MACHINE = Duration.ofSeconds(20);

  @TempDir protected Path temp;
  protected final List<String> log = Collections.synchronizedList(new ArrayList<>());

  /** The driver under test, talking to a fresh fake with short poll intervals. */
  protected abstract CloudDriver driver();

  /** Whether the fake runs the instance with this id. */
  protected abstract boolean running(String instanceId);

  /** Images, disks, VMs ... still alive in the fake. */
  protected abstract int leftovers();

  protected abstract ImageSource image() throws Exception;

  protected Deployer.Options options() {
    return Deployer.Options.defaults().withTimeouts(TIMEOUTS).withHeartbeat(Duration.ofMillis(50));
  }

  protected Deployer deployer(CloudDriver driver, String build) {
    return new Deployer(
        driver,
        new BuildIdentity("test", build),
        temp.resolve("work"),
        Clock.systemUTC(),
        log::add);
  }

  @Test
  void shouldDeployAndDestroyEverythingOnClose() throws Exception {
    CloudDriver driver = new ExecGuest(driver(), this::running);

    Deployer.Options generous =
        options()
            .withTimeouts(
                new DeployTimeouts(SLOW_MACHINE, SLOW_MACHINE, SLOW_MACHINE, SLOW_MACHINE));

    try (Deployment deployment = deployer(driver, "ok#1").deploy(image(), generous)) {
      assertThat(running(deployment.instance().id())).isTrue();
      assertThat(deployment.resources()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(leftovers()).isGreaterThanOrEqualTo(deployment.resources().size());
    }

    assertThat(leftovers()).as(String.join("\n", log)).isZero();
  }

  static Stream<Arguments> faults() {
    return Stream.of(Point.UPLOAD, Point.BOOT, Point.ADDRESS, Point.DELETE)
        .flatMap(
            p ->
                Stream.of(Mode.FAIL_AFTER, Mode.TIMEOUT, Mode.INTERRUPT)
                    .map(m -> Arguments.of(p, m)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("faults")
  void shouldLeaveNothingBehindWhateverFaultStrikes(Point point, Mode mode) throws Exception {
    ImageSource image = image();
    Thread deploying =
        new Thread(
            () -> {
              CloudDriver driver =
                  new FaultInjectingDriver(
                      new ExecGuest(driver(), this::running),
                      point,
                      mode,
                      1,
                      Thread.currentThread());
              try (Deployment deployment =
                  deployer(driver, "fault#" + point + mode).deploy(image, options())) {
                log.add("deployed " + deployment.id());
              } catch (DeploymentException | RuntimeException expected) {
                log.add("failed: " + expected.getMessage());
              } catch (InterruptedException aborted) {
                log.add("aborted");
              }
            });
    deploying.start();
    deploying.join(30_000);

    assertThat(deploying.isAlive()).isFalse();
    assertThat(leftovers()).as(String.join("\n", log)).isZero();
  }

  @Test
  void shouldLetTheJanitorRemoveWhatAStaleBuildLeftAndKeepALiveOne() throws Exception {
    CloudDriver driver = driver();
    Clock now = Clock.systemUTC();
    Deadline deadline = Deadline.in("upload", SLOW_MACHINE, now);
    BuildIdentity killed = new BuildIdentity("other-controller", "killed#1", "d1");
    CloudResource staleImage = driver.uploadImage(image(), killed, deadline);
    BootSpec spec =
        new BootSpec(
            "cloudimg-killed",
            "#cloud-config\n",
            "root",
            "ssh-ed25519 AAAA test",
            null,
            null,
            false,
            killed.tags(now.instant()),
            null);
    List<CloudResource> staleVm = driver.boot(staleImage, spec, deadline);
    driver.awaitAddress(staleVm.get(0), deadline);
    CloudResource liveImage =
        driver.uploadImage(image(), new BuildIdentity("ctl", "live#2", "d2"), deadline);
    Clock later = Clock.offset(now, Duration.ofHours(3));
    driver.heartbeat(liveImage, later.instant());

    Janitor.Report report =
        new Janitor(driver, later, Duration.ofSeconds(5), log::add).sweep(Duration.ofHours(2));

    assertThat(report.removed())
        .extracting(CloudResource::id)
        .containsExactlyInAnyOrder(staleImage.id(), staleVm.get(0).id());
    assertThat(report.kept()).extracting(CloudResource::id).containsExactly(liveImage.id());
    assertThat(driver.listOwned()).extracting(CloudResource::id).containsExactly(liveImage.id());
  }
}
