package io.jenkins.plugins.cloudimages.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginTest {
  @Test
  void shouldNeverPrintSecrets() {
    assertThat(new Login.SshKey("git", "-----BEGIN KEY s3cr3t", "pass phrase").toString())
        .doesNotContain("s3cr3t")
        .doesNotContain("pass phrase")
        .contains("git");
    assertThat(new Login.Password("ci", "hunter2").toString()).doesNotContain("hunter2");
    assertThat(new Login.Token("tok-123").toString()).doesNotContain("tok-123");
  }
}
