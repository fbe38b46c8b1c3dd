package io.jenkins.plugins.cloudimages.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepEnvironmentTest {
  private static final InstanceInfo INSTANCE =
      new InstanceInfo(
          "local", "cloudimg-7-ab12", "127.0.0.1", 2222, "root", "/w@tmp/k/id", "/w@tmp/k/kh");

  @Test
  void shouldExportTheInstanceUnderTheConventionalNames() {
    assertThat(StepEnvironment.of(INSTANCE))
        .containsEntry("CLOUDIMG_INSTANCE_HOST", "127.0.0.1")
        .containsEntry("CLOUDIMG_INSTANCE_PORT", "2222")
        .containsEntry("CLOUDIMG_INSTANCE_USER", "root")
        .containsEntry("CLOUDIMG_INSTANCE_ID", "cloudimg-7-ab12")
        .containsEntry("CLOUDIMG_INSTANCE_KNOWN_HOSTS", "/w@tmp/k/kh")
        .containsEntry("CLOUDIMG_INSTANCE_KEY", "/w@tmp/k/id");
  }

  @Test
  void shouldReadTheInstanceBackFromTheEnvironment() {
    assertThat(StepEnvironment.instanceFrom(StepEnvironment.of(INSTANCE))).contains(INSTANCE);
    assertThat(StepEnvironment.instanceFrom(Map.of())).isEmpty();
  }

  @Test
  void shouldRejectAPortThatIsNoNumber() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                StepEnvironment.instanceFrom(
                    Map.of("CLOUDIMG_INSTANCE_HOST", "h", "CLOUDIMG_INSTANCE_PORT", "ssh")))
        .withMessageContaining("CLOUDIMG_INSTANCE_PORT");
  }

  @Test
  void shouldExportTheImageUnderTheConventionalNames() {
    ImageInfo image =
        new ImageInfo(
            "CentOS-7-x86_64-GenericCloud-251125_01.qcow2",
            "cloudimg-out/CentOS-7-x86_64-GenericCloud-251125_01.qcow2",
            List.of("qcow2"),
            "ab".repeat(32),
            null,
            "CentOS-7-x86_64-GenericCloud.json");

    assertThat(StepEnvironment.of(image))
        .containsOnlyKeys(
            "CLOUDIMG_IMAGE_NAME",
            "CLOUDIMG_IMAGE_FILE",
            "CLOUDIMG_IMAGE_URL",
            "CLOUDIMG_IMAGE_SHA256")
        .containsEntry("CLOUDIMG_IMAGE_URL", "")
        .containsEntry("CLOUDIMG_IMAGE_SHA256", "ab".repeat(32));
  }
}
