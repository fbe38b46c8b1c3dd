package io.jenkins.plugins.cloudimages.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestTargetTest {
  private static final Map<String, String> IN_BLOCK =
      StepEnvironment.of(
          new InstanceInfo("local", "i-1", "127.0.0.1", 2201, "centos", "/k", "/kh"));

  @Test
  void shouldTestTheInstanceOfTheEnclosingBlock() {
    TestTarget target = TestTarget.resolve("", 22, "", "", null, IN_BLOCK);

    assertThat(target).isEqualTo(new TestTarget("127.0.0.1", 2201, "centos", "/k", "/kh", null));
  }

  @Test
  void shouldPreferAnExplicitHostWithItsCredentialAndPinnedKey() {
    TestTarget target = TestTarget.resolve("10.1.1.1", 2022, "", "ssh-key", "kh", IN_BLOCK);

    assertThat(target).isEqualTo(new TestTarget("10.1.1.1", 2022, "root", null, "kh", "ssh-key"));
  }

  @Test
  void shouldExplainWhatIsMissing() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TestTarget.resolve("", 22, "", "", null, Map.of()))
        .withMessageContaining("inside cloudDeploy");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TestTarget.resolve("h", 22, "", "", "kh", Map.of()))
        .withMessageContaining("credentialsId");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TestTarget.resolve("h", 22, "", "id", "", Map.of()))
        .withMessageContaining("never accepted blindly");
  }
}
