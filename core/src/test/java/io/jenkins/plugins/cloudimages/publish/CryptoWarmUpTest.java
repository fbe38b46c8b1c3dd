package io.jenkins.plugins.cloudimages.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CryptoWarmUpTest {

  @Test
  void shouldWarmUpTheCipherThePublisherPrefers() {
    assertThat(
            CryptoWarmUp.run(
                SftpConnection.PREFERRED_CIPHER, PipelinedSftpWriter.OPENSSH_WRITE_LENGTH))
        .isTrue();
  }

  @Test
  void shouldGiveUpQuietlyOnACipherJschDoesNotHave() {
    assertThat(CryptoWarmUp.run("no-such-cipher", 1024)).isFalse();
  }
}
