package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.junit.jupiter.api.Test;

/** Which Jenkins credentials a cloud takes and what text reaches the engine. */
class CloudCredentialsTest {
  static final String OPENRC =
      "export OS_USERNAME=ci-images\nexport OS_PASSWORD='pw-Zq83-secret'\nexport"
          + " OS_PROJECT_NAME=images\n";

  /** A Secret file credential, as the plain-credentials plugin stores an uploaded file. */
  record SecretFile(String fileName, String content) implements FileCredentials {
    @Override
    public String getFileName() {
      return fileName;
    }

    @Override
    public InputStream getContent() {
      return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A username with password; its secret is never asked for. */
  record UserPassword(String user) implements StandardUsernamePasswordCredentials {
    @Override
    public String getUsername() {
      return user;
    }

    @Override
    public Secret getPassword() {
      throw new AssertionError("the password of an unsupported credential must not be read");
    }
  }

  @Test
  void shouldGiveTheWholeSecretFileAsTheCredentialsText() throws IOException {
    assertThat(CloudCredentials.textOf(new SecretFile("openrc.sh", OPENRC), "lab-os", "lab"))
        .isEqualTo(OPENRC);
  }

  @Test
  void shouldRefuseOtherKindsNamingTheIdAndWhatIsExpected() {
    assertThatThrownBy(
            () -> CloudCredentials.textOf(new UserPassword("ci-images"), "lab-login", "lab"))
        .isInstanceOf(AbortException.class)
        .hasMessageContaining("cloud lab: credential lab-login")
        .hasMessageContaining("is not a Secret file or Secret text;");
  }

  @Test
  void shouldNotLookUpACredentialForCloudsThatNeedNone() throws IOException {
    // an SSH key left on a local cloud by an older configuration; looking it up would need Jenkins
    CloudDefinition local = new CloudDefinition("here", "local");
    local.setCredentialsId("old-ssh-key");
    CloudDefinition none = new CloudDefinition("lab", "openstack");

    assertThat(CloudCredentials.forCloud(local, null)).isNull();
    assertThat(CloudCredentials.forCloud(none, null)).isNull();
  }
}
