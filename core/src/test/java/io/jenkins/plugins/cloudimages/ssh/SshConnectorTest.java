package io.jenkins.plugins.cloudimages.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SshConnectorTest {

  @Test
  void shouldProbeOnlyTheKeyExchangesThatNeedAnOptionalLibrary() {
    assertThat(
            SshConnector.withoutJdkAlgorithms(
                "sntrup761x25519-sha512@openssh.com,curve25519-sha256,"
                    + "curve25519-sha256@libssh.org,curve448-sha512"))
        .isEqualTo("sntrup761x25519-sha512@openssh.com");
  }

  @Test
  void shouldProbeNoSignatureTheJdkProvides() {
    assertThat(SshConnector.withoutJdkAlgorithms("ssh-ed25519,ssh-ed448")).isEmpty();
  }

  @Test
  void shouldKeepUnknownNamesInTheirOrderAndDropBlankOnes() {
    assertThat(SshConnector.withoutJdkAlgorithms(" mlkem768x25519-sha256 ,,ssh-ed25519, x@y "))
        .isEqualTo("mlkem768x25519-sha256,x@y");
  }

  @Test
  void shouldLeaveAnEmptyListEmpty() {
    assertThat(SshConnector.withoutJdkAlgorithms("")).isEmpty();
  }
}
