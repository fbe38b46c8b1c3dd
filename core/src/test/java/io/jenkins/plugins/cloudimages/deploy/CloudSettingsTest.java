package io.jenkins.plugins.cloudimages.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials handed over as text, as the Jenkins plugin does. */
class CloudSettingsTest {
  @Test
  void shouldGiveTheCredentialsTextWithoutTouchingAnyFile() throws CloudException {
    CloudSettings cloud =
        CloudSettings.withCredentialsText(
            "lab", "openstack", "https://k:5000/v3", "username=u\npassword=p\n", null, null, null);

    assertThat(cloud.credentials()).isEqualTo("username=u\npassword=p");
    assertThat(cloud.credentialsEnv()).isNull();
    assertThat(cloud.credentialsFile()).isNull();
    assertThat(cloud.options()).isEmpty();
  }

  @Test
  void shouldNeverPrintTheCredentialsText() {
    CloudSettings cloud =
        CloudSettings.withCredentialsText(
            "lab", "openstack", null, "password=s3cr3t", "m1.small", null, Map.of("region", "r"));

    assertThat(cloud.toString())
        .doesNotContain("s3cr3t")
        .contains("credentialsText=****", "flavor=m1.small", "region=r");
  }

  @Test
  void shouldKeepTheCloudsFileConstructorWithoutText() throws CloudException {
    CloudSettings cloud =
        new CloudSettings("f", "openstack", null, null, Path.of("/nonexistent"), null, null, null);

    assertThat(cloud.credentialsText()).isNull();
    assertThat(cloud.toString()).contains("credentialsText=null", "/nonexistent");
  }
}
