package io.jenkins.plugins.cloudimages.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRequestTest {
  private static final Map<String, String> MIRRORS =
      Map.of("http://mirror.centos.org/centos/", "http://10.0.0.5/centos/");

  @Test
  void shouldTakeReleaseAndArchFromTheKickstartName() {
    ImageRequest request =
        ImageRequest.plan(
            "ks/CentOS-7-x86_64-GenericCloud.ks",
            "",
            "",
            "",
            MIRRORS,
            List.of("mirror.centos.org"));

    assertThat(request.kickstart()).isEqualTo("ks/CentOS-7-x86_64-GenericCloud.ks");
    assertThat(request.image()).isEqualTo("CentOS-7-x86_64-GenericCloud");
    assertThat(request.release()).isEqualTo("7");
    assertThat(request.arch()).isEqualTo("x86_64");
    assertThat(request.backend()).isEqualTo("installroot");
    assertThat(request.mirrorMap()).isEqualTo(MIRRORS);
    assertThat(request.allowedHosts()).containsExactly("mirror.centos.org");
  }

  @Test
  void shouldTakeTheBackendAsked() {
    ImageRequest request =
        ImageRequest.plan(
            "CentOS-6-i386-Docker.ks", "i386", "6", "virt-install", Map.of(), List.of());

    assertThat(request.backend()).isEqualTo("virt-install");
  }

  @Test
  void shouldTakeReleaseAndArchFromParametersForOtherNames() {
    ImageRequest request =
        ImageRequest.plan("site/base.ks", "aarch64", "9", "", Map.of(), List.of());

    assertThat(request.image()).isEqualTo("base");
    assertThat(request.release()).isEqualTo("9");
    assertThat(request.arch()).isEqualTo("aarch64");
  }

  @Test
  void shouldRefuseParametersThatContradictTheKickstartName() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ImageRequest.plan(
                    "CentOS-7-x86_64-GenericCloud.ks", "i386", "", "", Map.of(), List.of()))
        .withMessageContaining("x86_64");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ImageRequest.plan(
                    "CentOS-7-x86_64-GenericCloud.ks", "", "8", "", Map.of(), List.of()))
        .withMessageContaining("release 7");
  }

  @Test
  void shouldRefuseUnknownReleaseAndBadInput() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ImageRequest.plan("base.ks", "x86_64", "", "", Map.of(), List.of()))
        .withMessageContaining("give release and arch");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ImageRequest.plan("../x.ks", "", "", "", Map.of(), List.of()));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ImageRequest.plan(
                    "CentOS-7-x86_64-GenericCloud.ks", "", "", "docker", Map.of(), List.of()))
        .withMessageContaining("Unknown builder");
  }
}
