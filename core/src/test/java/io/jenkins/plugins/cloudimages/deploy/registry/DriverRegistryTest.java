package io.jenkins.plugins.cloudimages.deploy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverRegistryTest {
  @TempDir Path temp;

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

  private CloudSettings cloud(String type, String credentials, Map<String, String> options)
      throws Exception {
    Path file = Files.writeString(temp.resolve(type + ".credentials"), credentials + "\n");
    return new CloudSettings(
        "lab", type, "https://cloud.example/x", null, file, null, "net", options);
  }

  @Test
  void shouldCreateTheXmlAndRestCloudDriversFromTheirSettings() throws Exception {
    assertThat(
            DriverRegistry.create(cloud("opennebula", "oneadmin:pw", Map.of()), line -> {}).type())
        .isEqualTo("opennebula");
    assertThat(
            DriverRegistry.create(
                    cloud("ovirt", "admin@internal:p:w", Map.of("storageDomain", "data")),
                    line -> {})
                .type())
        .isEqualTo("ovirt");
    assertThat(
            DriverRegistry.create(
                    cloud(
                        "VSphere",
                        "administrator@vsphere.local:pw",
                        Map.of("library", "lib-1", "resourcePool", "resgroup-9")),
                    line -> {})
                .type())
        .isEqualTo("vsphere");
  }

  @Test
  void shouldNameWhatACloudsSettingsLack() throws Exception {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DriverRegistry.create(cloud("ovirt", "admin:pw", Map.of()), l -> {}))
        .withMessageContaining("options.storageDomain");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DriverRegistry.create(cloud("opennebula", "nocolon", Map.of()), l -> {}))
        .withMessageContaining("user:password");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DriverRegistry.create(
                    cloud("opennebula", "a:b", Map.of("datastore", "one")), l -> {}))
        .withMessageContaining("datastore is not a whole number");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DriverRegistry.create(cloud("vsphere", "a:b", Map.of("library", "lib-1")), l -> {}))
        .withMessageContaining("options.resourcePool");
  }
}
