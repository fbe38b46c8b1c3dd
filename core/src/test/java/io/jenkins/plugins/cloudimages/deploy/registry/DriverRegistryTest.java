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

  @Test
  void shouldCreateTheSignedApiDriversWithCredentialsFromAFile(@TempDir Path temp)
      throws Exception {
    Path aws =
        Files.writeString(
            temp.resolve("aws"),
            "[default]\naws_access_key_id = AKID\naws_secret_access_key = se/cret\n");
    Path cs = Files.writeString(temp.resolve("cs"), "api-key:secret-key\n");
    CloudSettings ec2 =
        new CloudSettings(
            "aws", "ec2", "https://ec2.eu-west-1.amazonaws.com", null, aws, null, null, Map.of());
    CloudSettings cloudstack =
        new CloudSettings(
            "cs", "CloudStack", "https://cs.example/client/api", null, cs, null, null, Map.of());

    assertThat(DriverRegistry.create(ec2, line -> {}).type()).isEqualTo("ec2");
    assertThat(DriverRegistry.create(cloudstack, line -> {}).type()).isEqualTo("cloudstack");
  }

  @Test
  void shouldSayWhatIsMissingForTheSignedApiDrivers(@TempDir Path temp) throws Exception {
    Path bad = Files.writeString(temp.resolve("bad"), "only-one-part\n");
    CloudSettings noCredentials =
        new CloudSettings("aws", "ec2", "https://ec2.example", null, null, null, null, Map.of());
    CloudSettings badCredentials =
        new CloudSettings(
            "cs", "cloudstack", "https://cs.example", null, bad, null, null, Map.of());
    CloudSettings noEndpoint =
        new CloudSettings("cs", "cloudstack", null, null, bad, null, null, Map.of());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> DriverRegistry.create(noCredentials, line -> {}))
        .withMessageContaining("cloud aws: ec2 needs credentialsEnv or credentialsFile");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DriverRegistry.create(badCredentials, line -> {}))
        .withMessageContaining("API_KEY:SECRET_KEY");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DriverRegistry.create(noEndpoint, line -> {}))
        .withMessageContaining("cloudstack needs an endpoint");
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
