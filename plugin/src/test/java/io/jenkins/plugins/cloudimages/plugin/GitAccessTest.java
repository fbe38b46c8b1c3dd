package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.gitclient.verifier.KnownHostsFileVerificationStrategy;
import org.jenkinsci.plugins.gitclient.verifier.ManuallyProvidedKeyVerificationStrategy;
import org.jenkinsci.plugins.gitclient.verifier.SshHostKeyVerificationStrategy;
import org.junit.jupiter.api.Test;

class GitAccessTest {

  @Test
  void shouldTrustOnlyTheStrategiesThatCheckKeysKnownInAdvance() {
    assertThat(GitAccess.verifiesKnownKeys(KnownHostsFileVerificationStrategy.class)).isTrue();
    assertThat(GitAccess.verifiesKnownKeys(ManuallyProvidedKeyVerificationStrategy.class)).isTrue();
    // "No verification", "Accept first connection" and any other strategy.
    assertThat(GitAccess.verifiesKnownKeys(SshHostKeyVerificationStrategy.class)).isFalse();
    assertThat(GitAccess.verifiesKnownKeys(Object.class)).isFalse();
  }
}
