package io.jenkins.plugins.cloudimages.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitRemoteTest {

  @Test
  void shouldTellSshRemotesFromOthers() {
    assertThat(GitRemote.overSsh("git@git.example.org:centos/kickstarts.git")).isTrue();
    assertThat(GitRemote.overSsh("git.example.org:kickstarts")).isTrue();
    assertThat(GitRemote.overSsh("ssh://git@git.example.org:2222/kickstarts.git")).isTrue();
    assertThat(GitRemote.overSsh("git+ssh://git.example.org/kickstarts.git")).isTrue();
    assertThat(GitRemote.overSsh("https://git.example.org/kickstarts.git")).isFalse();
    assertThat(GitRemote.overSsh("file:///srv/git/kickstarts.git")).isFalse();
    assertThat(GitRemote.overSsh("/srv/git/kickstarts.git")).isFalse();
    assertThat(GitRemote.overSsh("C:/git/kickstarts.git")).isFalse();
  }

  @Test
  void shouldRefuseSshWithoutVerifiedHostKeysOnly() {
    assertThat(
            GitRemote.hostKeyRefusal(
                "git@git.example.org:kickstarts.git", "AcceptFirstConnectionStrategy", false))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("AcceptFirstConnectionStrategy")
                    .contains("Known hosts file"));
    assertThat(
            GitRemote.hostKeyRefusal(
                "git@git.example.org:kickstarts.git", "KnownHostsFileVerificationStrategy", true))
        .isEmpty();
    assertThat(
            GitRemote.hostKeyRefusal(
                "https://git.example.org/kickstarts.git", "NoHostKeyVerificationStrategy", false))
        .isEmpty();
  }
}
