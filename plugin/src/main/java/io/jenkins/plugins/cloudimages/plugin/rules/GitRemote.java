package io.jenkins.plugins.cloudimages.plugin.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What releaseMarker decides about the git remote it pushes to. */
public final class GitRemote {
  /** {@code [user@]host:path}, git's scp-like SSH syntax (a one-letter host is a Windows drive). */
  private static final Pattern SCP_LIKE = Pattern.compile("(?:[^@/:]+@)?[^/:]{2,}:(?!//).*");

  private GitRemote() {}

  /** Whether git reaches {@code remote} over SSH. */
  public static boolean overSsh(String remote) {
    String r = remote.strip().toLowerCase(Locale.ROOT);
    if (r.contains("://")) {
      return r.startsWith("ssh://") || r.startsWith("git+ssh://") || r.startsWith("ssh+git://");
    }
    return SCP_LIKE.matcher(remote.strip()).matches();
  }

  /**
   * Why the push must not happen with the Git client plugin's host key verification as configured,
   * if it must not: over SSH only a strategy that checks the server's key against keys known in
   * advance will do (never "accept first connection" or "no verification").
   *
   * @param strategy the configured strategy's name, for the message
   * @param verifiesKnownKeys whether it checks against a known_hosts file or approved keys
   */
  public static Optional<String> hostKeyRefusal(
      String remote, String strategy, boolean verifiesKnownKeys) {
    if (!overSsh(remote) || verifiesKnownKeys) {
      return Optional.empty();
    }
    return Optional.of(
        "releaseMarker pushes to "
            + remote
            + " over SSH only with verified host keys, but the Git Host Key Verification"
            + " Configuration (Manage Jenkins > Security) uses "
            + strategy
            + ": choose \"Known hosts file\" or \"Manually provided keys\"");
  }
}
