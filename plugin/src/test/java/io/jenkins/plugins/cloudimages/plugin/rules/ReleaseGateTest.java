package io.jenkins.plugins.cloudimages.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.plugin.rules.ReleaseGate.TestRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseGateTest {
  private static final String IMAGE = "CentOS-7-x86_64-GenericCloud-251125_01.qcow2";

  @Test
  void shouldReleaseAPassingBuildTestedEverywhere() {
    List<TestRun> runs =
        List.of(
            new TestRun("local", IMAGE, true, "a.xml"), new TestRun("os", IMAGE, true, "b.xml"));

    assertThat(ReleaseGate.decide(null, IMAGE, runs).allowed()).isTrue();
    assertThat(ReleaseGate.decide("SUCCESS", IMAGE, runs).allowed()).isTrue();
  }

  @Test
  void shouldRefuseABuildThatDidNotPassSoFar() {
    List<TestRun> runs = List.of(new TestRun("local", IMAGE, true, "a.xml"));

    assertThat(ReleaseGate.decide("UNSTABLE", IMAGE, runs).reason()).contains("UNSTABLE");
    assertThat(ReleaseGate.decide("FAILURE", IMAGE, runs).allowed()).isFalse();
  }

  @Test
  void shouldRefuseWithoutTestsOrWithAFailureOnOneCloud() {
    assertThat(ReleaseGate.decide(null, IMAGE, List.of()).reason()).contains("no tFunctional");
    assertThat(
            ReleaseGate.decide(
                    null, IMAGE, List.of(new TestRun("other", "other.qcow2", true, "x.xml")))
                .allowed())
        .isFalse();
    assertThat(
            ReleaseGate.decide(
                    null,
                    IMAGE,
                    List.of(
                        new TestRun("local", IMAGE, true, "a.xml"),
                        new TestRun("os", IMAGE, false, "b.xml")))
                .reason())
        .contains("failed t_functional on os");
  }
}
