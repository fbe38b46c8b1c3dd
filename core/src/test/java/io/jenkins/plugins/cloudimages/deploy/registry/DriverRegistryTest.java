package io.jenkins.plugins.cloudimages.deploy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverRegistryTest {

  @Test
  void shouldFindDriversByNameWhateverTheCase() {
    assertThat(DriverRegistry.get("local")).isEqualTo(DriverRegistry.DriverType.LOCAL);
    assertThat(DriverRegistry.get("Docker")).isEqualTo(DriverRegistry.DriverType.DOCKER);
  }

  @Test
  void shouldRejectAnUnknownDriverName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DriverRegistry.get("azure"))
        .withMessage("Unknown driver name: azure");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DriverRegistry.get(null))
        .withMessage("Unknown driver name: null");
  }

  @Test
  void shouldCreateTheDriverOfTheCloudsType() {
    assertThat(DriverRegistry.create(CloudSettings.local(), line -> {}).type()).isEqualTo("local");
    CloudSettings podman =
        new CloudSettings("pod", "docker", "unix:///tmp/x.sock", null, null, null, null, Map.of());
    assertThat(DriverRegistry.create(podman, line -> {}).type()).isEqualTo("docker");
  }
}
