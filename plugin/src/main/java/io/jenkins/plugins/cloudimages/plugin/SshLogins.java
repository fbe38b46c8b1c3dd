package io.jenkins.plugins.cloudimages.plugin;

import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A resolved {@link Login} as an SSH login on the agent, the key written to a private folder. */
final class SshLogins {
  private SshLogins() {}

  /**
   * {@code user} at {@code host:port} with the key or password of {@code login}, the host key
   * pinned by {@code knownHosts}; empty for a login SSH cannot use (a bare secret text).
   */
  static Optional<SshTarget> target(
      String host, int port, String user, Login login, Path secrets, Path knownHosts)
      throws IOException {
    if (login instanceof Login.SshKey key) {
      return Optional.of(
          SshTarget.withKey(host, port, user, AgentFiles.writeKey(secrets, key), knownHosts));
    }
    if (login instanceof Login.Password password) {
      return Optional.of(
          new SshTarget(
              host, port, user, null, password.password().toCharArray(), knownHosts, null));
    }
    return Optional.empty();
  }
}
