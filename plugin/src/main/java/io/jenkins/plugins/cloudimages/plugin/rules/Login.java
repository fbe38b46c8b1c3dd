package io.jenkins.plugins.cloudimages.plugin.rules;

import java.io.Serializable;

/**
 * A Jenkins credential reduced to what the engine needs on the agent. Never printed: {@link
 * #toString()} shows only the kind and user.
 */
public sealed interface Login extends Serializable {
  String user();

  /** An SSH private key (PEM or OpenSSH format), with its passphrase or null. */
  record SshKey(String user, String privateKey, String passphrase) implements Login {
    @Override
    public String toString() {
      return "SshKey[user=" + user + "]";
    }
  }

  /** A user name and password (or token). */
  record Password(String user, String password) implements Login {
    @Override
    public String toString() {
      return "Password[user=" + user + "]";
    }
  }

  /** A bare secret (API token) with no user. */
  record Token(String token) implements Login {
    @Override
    public String user() {
      return "";
    }

    @Override
    public String toString() {
      return "Token[]";
    }
  }
}
