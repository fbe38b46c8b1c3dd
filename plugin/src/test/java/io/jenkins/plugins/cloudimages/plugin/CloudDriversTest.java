package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.openstack.OpenStackCredentials;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From a configured cloud to the CloudSettings its driver receives on the agent. */
class CloudDriversTest {
  private final List<String> log = new ArrayList<>();

  static CloudDrivers.Settings openStack(String credentialsText, Map<String, String> options) {
    return new CloudDrivers.Settings(
        "lab",
        "openstack",
        "https://keystone.lab.example:5000/v3",
        credentialsText,
        "m1.small",
        "",
        false,
        options);
  }

  @Test
  void shouldHandTheCredentialsTextAndOptionsToTheEngine() throws CloudException {
    CloudSettings engine =
        CloudDrivers.toEngine(
            openStack(CloudCredentialsTest.OPENRC, Map.of("region", "RegionOne")));

    assertThat(engine.credentials()).isEqualTo(CloudCredentialsTest.OPENRC.strip());
    assertThat(engine.credentialsEnv()).isNull();
    assertThat(engine.credentialsFile()).isNull();
    assertThat(engine.options()).containsExactly(Map.entry("region", "RegionOne"));
    assertThat(engine.endpoint()).isEqualTo("https://keystone.lab.example:5000/v3");
    assertThat(engine.flavor()).isEqualTo("m1.small");
    assertThat(engine.network()).isNull();
  }

  @Test
  void shouldBuildTheOpenStackDriverFromASecretFile() throws Exception {
    String text =
        CloudCredentials.textOf(
            new CloudCredentialsTest.SecretFile("clouds.env", CloudCredentialsTest.OPENRC),
            "lab-os",
            "lab");
    CloudDrivers.Settings cloud = openStack(text, Map.of("identityApiVersion", "3"));

    CloudDriver driver = CloudDrivers.create(cloud, log::add);

    assertThat(driver.type()).isEqualTo("openstack");
    OpenStackCredentials account =
        OpenStackCredentials.parse(CloudDrivers.toEngine(cloud).credentials(), "cloud lab");
    assertThat(account.username()).isEqualTo("ci-images");
    assertThat(account.password()).isEqualTo("pw-Zq83-secret");
    assertThat(account.project()).isEqualTo("images");
  }

  @Test
  void shouldNameAnOptionTheDriverDoesNotKnow() {
    assertThatThrownBy(
            () -> CloudDrivers.create(openStack("", Map.of("regoin", "RegionOne")), log::add))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cloud lab")
        .hasMessageContaining("unknown openstack option regoin");
  }

  @Test
  void shouldListEveryDriverOfTheEngineForAnUnknownType() {
    CloudDrivers.Settings cloud =
        new CloudDrivers.Settings("x", "nimbus", "", null, "", "", false, null);
    String drivers =
        List.of(DriverRegistry.DriverType.values()).toString().toLowerCase(Locale.ROOT);

    assertThatThrownBy(() -> CloudDrivers.create(cloud, log::add))
        .hasMessageContaining("Unknown driver name: nimbus")
        .hasMessageContaining("this engine has " + drivers);
    assertThat(drivers).contains("local", "docker", "openstack");
  }

  @Test
  void shouldTravelToTheAgentAndNeverPrintTheSecret() throws Exception {
    CloudDrivers.Settings cloud = openStack(CloudCredentialsTest.OPENRC, Map.of("region", "r1"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(cloud);
    }
    Object copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    assertThat(copy).isEqualTo(cloud);
    assertThat(cloud.toString())
        .doesNotContain("pw-Zq83-secret")
        .contains("credentials=****", "region");
    assertThat(CloudDrivers.toEngine(cloud).toString()).doesNotContain("pw-Zq83-secret");
  }
}
