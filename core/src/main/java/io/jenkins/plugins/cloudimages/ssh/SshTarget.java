package io.jenkins.plugins.cloudimages.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach a host over SSH. The host key is always verified against {@code
 * knownHosts}; there is no way to accept any key.
 *
 * @param host name or address
 * @param port TCP port
 * @param user login
 * @param identity private key file, or null when a password is used
 * @param password password, or null when a key is used (never logged)
 * @param knownHosts OpenSSH known_hosts file holding the pinned host key
 * @param connectTimeout how long connecting and authenticating may take
 */
public record SshTarget(
    String host,
    int port,
    String user,
    Path identity,
    char[] password,
    Path knownHosts,
    Duration connectTimeout) {

  public SshTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(knownHosts, "knownHosts");
    if (identity == null && password == null) {
      throw new IllegalArgumentException("an identity file or a password is needed");
    }
    if (connectTimeout == null) {
      connectTimeout = Duration.ofSeconds(30);
    }
  }

  public static SshTarget withKey(
      String host, int port, String user, Path identity, Path knownHosts) {
    return new SshTarget(host, port, user, identity, null, knownHosts, null);
  }

  public SshTarget withConnectTimeout(Duration timeout) {
    return new SshTarget(host, port, user, identity, password, knownHosts, timeout);
  }

  @Override
  public String toString() {
    return user + "@" + host + ":" + port;
  }
}
