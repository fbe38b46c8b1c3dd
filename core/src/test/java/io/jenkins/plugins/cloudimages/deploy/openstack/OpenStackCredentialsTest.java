package io.jenkins.plugins.cloudimages.deploy.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.CloudException;
import org.junit.jupiter.api.Test;

class OpenStackCredentialsTest {

  @Test
  void shouldReadAnOpenrcFileWithExportsQuotesAndOtherVariables() throws Exception {
    OpenStackCredentials c =
        OpenStackCredentials.parse(
            """
            # from the dashboard
            export OS_AUTH_URL=https://keystone.example:5000/v3
            export OS_USERNAME="ci-bot"
            export OS_PASSWORD='p=ss word'
            export OS_PROJECT_NAME=images
            export OS_USER_DOMAIN_NAME=Default
            export OS_REGION_NAME=RegionOne
            unset OS_TENANT_ID
            """,
            "openrc");

    assertThat(c.username()).isEqualTo("ci-bot");
    assertThat(c.password()).isEqualTo("p=ss word");
    assertThat(c.project()).isEqualTo("images");
    assertThat(c.userDomain()).isEqualTo("Default");
    assertThat(c.isApplicationCredential()).isFalse();
    assertThat(c.toString()).doesNotContain("p=ss word");
  }

  @Test
  void shouldReadKeyValueLinesAndJsonAlike() throws Exception {
    OpenStackCredentials lines =
        OpenStackCredentials.parse(
            "applicationCredentialId=abc\napplicationCredentialSecret=xyz\n", "f");
    OpenStackCredentials json =
        OpenStackCredentials.parse(
            "{\"applicationCredentialId\": \"abc\", \"applicationCredentialSecret\": \"xyz\"}",
            "f");

    assertThat(lines).isEqualTo(json);
    assertThat(lines.isApplicationCredential()).isTrue();
    assertThat(OpenStackCredentials.parse("username=u\npassword=p\ntenantName=t\n", "f").project())
        .isEqualTo("t");
  }

  @Test
  void shouldNameTheFileAndLineOfAMistake() {
    assertThatThrownBy(
            () -> OpenStackCredentials.parse("username=u\npasword=p\nproject=x\n", "/etc/os.cred"))
        .isInstanceOf(CloudException.class)
        .hasMessageStartingWith("/etc/os.cred:2: error: unknown key pasword (known: ");
    assertThatThrownBy(() -> OpenStackCredentials.parse("username=u\njust a line\n", "f"))
        .hasMessage("f:2: error: expected key=value");
    assertThatThrownBy(() -> OpenStackCredentials.parse("{\"username\": \"u\",\n  oops}", "c.json"))
        .hasMessageStartingWith("c.json:2: error: not valid JSON");
  }

  @Test
  void shouldSayWhatIsMissingWithoutRepeatingSecrets() {
    assertThatThrownBy(() -> OpenStackCredentials.parse("username=u\nproject=p\n", "env X"))
        .hasMessageContaining(
            "env X: OpenStack credentials need username (or userId) and password");
    assertThatThrownBy(() -> OpenStackCredentials.parse("username=u\npassword=hunter2\n", "env X"))
        .hasMessage("env X: OpenStack credentials need project or projectId");
    assertThatThrownBy(
            () -> OpenStackCredentials.parse("applicationCredentialSecret=hunter2\n", "env X"))
        .hasMessageContaining("applicationCredentialId")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> OpenStackCredentials.parse("  \n", "env X"))
        .hasMessage("env X: no OpenStack credentials configured");
  }
}
