package io.jenkins.plugins.cloudimages.release;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to authenticate to the remote. Host keys are always verified against a known_hosts file;
 * secrets are handed to git through its environment, never its arguments.
 */
public sealed interface GitCredentials {

  /** No credentials: local paths, or remotes that need none. */
  record None() implements GitCredentials {}

  /** An SSH private key, and the known_hosts file that pins the server's host key. */
  record SshKey(Path privateKey, Path knownHosts) implements GitCredentials {
    public SshKey {
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(knownHosts, "knownHosts");
    }
  }

  /**
   * A user name and a password or access token for HTTPS remotes (TLS verified as git does by
   * default).
   */
  record UsernamePassword(String username, String password) implements GitCredentials {
    public UsernamePassword {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "UsernamePassword[username=" + username + ", password=****]";
    }
  }

  static GitCredentials none() {
    return new None();
  }
}
