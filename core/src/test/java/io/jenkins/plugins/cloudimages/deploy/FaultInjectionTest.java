package io.jenkins.plugins.cloudimages.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FaultInjectionTest {
  @TempDir Path temp;

  static Stream<Arguments> faults() {
    return Stream.of(Point.values())
        .flatMap(p -> FaultInjectionRun.IN_PROCESS_MODES.stream().map(m -> Arguments.of(p, m)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("faults")
  void shouldLeaveNothingBehindWhateverFaultStrikes(Point point, Mode mode) throws Exception {
    FaultInjectionRun.Outcome outcome =
        FaultInjectionRun.inProcess(FaultInjectionRun.GENERIC, temp, point, mode, 2, true, false);

    assertThat(outcome.leakedResources()).as(outcome.fault()).isZero();
    assertThat(outcome.leakedKeys()).as(outcome.fault()).isZero();
  }

  static Stream<Arguments> realDriverFaults() {
    return Stream.of(Point.BOOT, Point.DELETE)
        .flatMap(p -> FaultInjectionRun.IN_PROCESS_MODES.stream().map(m -> Arguments.of(p, m)));
  }

  /** One real driver in the test command; {@code bench/faults} runs them all. */
  @ParameterizedTest(name = "openstack {0} {1}")
  @MethodSource("realDriverFaults")
  void shouldLeaveNothingBehindOnARealDriverAndItsFake(Point point, Mode mode) throws Exception {
    FaultInjectionRun.Cloud openstack = FaultInjectionRun.CLOUDS.get(1);
    FaultInjectionRun.Outcome outcome =
        FaultInjectionRun.inProcess(openstack, temp, point, mode, 1, true, false);

    assertThat(openstack.name()).isEqualTo("openstack");
    assertThat(outcome.leakedResources()).as(outcome.fault()).isZero();
    assertThat(outcome.leakedKeys()).as(outcome.fault()).isZero();
  }

  @Test
  void shouldDestroyEverythingWhenTheTestAfterTheDeploymentFails() throws Exception {
    FaultInjectionRun.Outcome outcome =
        FaultInjectionRun.inProcess(
            FaultInjectionRun.GENERIC, temp, Point.UPLOAD, Mode.SLOW, 0, true, true);

    assertThat(outcome.deployed()).isTrue();
    assertThat(outcome.leakedResources()).isZero();
  }

  @Test
  void shouldDestroyEverythingWhenTheJvmExitsDuringTheBoot() throws Exception {
    FaultInjectionRun.Outcome outcome =
        FaultInjectionRun.inChild(FaultInjectionRun.GENERIC, temp, Point.BOOT, Mode.EXIT);

    assertThat(outcome.leakedResources()).as(outcome.fault()).isZero();
    assertThat(outcome.leakedKeys()).isZero();
  }

  @Test
  void shouldLetTheJanitorRemoveWhatAKilledJvmLeft() throws Exception {
    FaultInjectionRun.Outcome outcome =
        FaultInjectionRun.inChild(FaultInjectionRun.GENERIC, temp, Point.BOOT, Mode.HALT);

    assertThat(outcome.swept()).as("instance, floating IP and image left by the kill").isEqualTo(3);
    assertThat(outcome.leakedKeys()).as("key folder of the killed deployment").isZero();
    assertThat(outcome.leakedResources()).isZero();
  }
}
