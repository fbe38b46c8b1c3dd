package io.jenkins.plugins.cloudimages.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Opens JSch sessions with strict host key checking and turns failures into clear messages. */
public final class SshConnector {

  private SshConnector() {}

  /** A connected, authenticated session; the caller disconnects it. */
  public static Session connect(SshTarget target) throws SshException {
    return connect(target, Map.of());
  }

  /**
   * Like {@link #connect(SshTarget)}, with extra JSch session settings (e.g. cipher preferences).
   * Settings that would weaken host key verification are refused.
   */
  public static Session connect(SshTarget target, Map<String, String> sessionConfig)
      throws SshException {
    if (sessionConfig.containsKey("StrictHostKeyChecking")) {
      throw new IllegalArgumentException("host key checking cannot be changed");
    }
    if (!Files.isReadable(target.knownHosts())) {
      throw new SshException("known_hosts file " + target.knownHosts() + " cannot be read");
    }
    JSch jsch = new JSch();
    try {
      jsch.setKnownHosts(target.knownHosts().toString());
      if (target.identity() != null) {
        if (!Files.isReadable(target.identity())) {
          throw new SshException("identity file " + target.identity() + " cannot be read");
        }
        jsch.addIdentity(target.identity().toString());
      }
      Session session = jsch.getSession(target.user(), target.host(), target.port());
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("HashKnownHosts", "no");
      // Offer the algorithms of the pinned key first so a host with several keys presents it.
      session.setConfig("prefer_known_host_key_types", "yes");
      session.setConfig("CheckKexes", withoutJdkAlgorithms(JSch.getConfig("CheckKexes")));
      session.setConfig("CheckSignatures", withoutJdkAlgorithms(JSch.getConfig("CheckSignatures")));
      if (target.password() != null) {
        session.setPassword(new String(target.password()));
        session.setConfig("PreferredAuthentications", "password,keyboard-interactive");
      } else {
        session.setConfig("PreferredAuthentications", "publickey");
      }
      sessionConfig.forEach(session::setConfig);
      session.setServerAliveInterval(15_000);
      session.setServerAliveCountMax(4);
      session.connect((int) target.connectTimeout().toMillis());
      return session;
    } catch (JSchException e) {
      throw new SshException(describe(target, e), e);
    }
  }

  /**
   * JSch's probe list without the algorithms every JDK this runs on (17 and later) provides. JSch
   * probes each listed algorithm on every connect, for key exchanges by generating a throwaway key
   * pair (X25519 twice, X448 once); what is left are those that need an optional library.
   */
  static String withoutJdkAlgorithms(String probes) {
    return Arrays.stream(probes.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty() && !JDK_ALGORITHMS.contains(name))
        .collect(Collectors.joining(","));
  }

  private static final Set<String> JDK_ALGORITHMS =
      Set.of(
          "curve25519-sha256",
          "curve25519-sha256@libssh.org",
          "curve448-sha512",
          "ssh-ed25519",
          "ssh-ed448");

  /** One sentence for each way a connection fails. */
  static String describe(SshTarget target, JSchException e) {
    String message = String.valueOf(e.getMessage());
    Throwable cause = e.getCause();
    if (message.startsWith("UnknownHostKey") || message.contains("reject HostKey")) {
      return "host key of "
          + target.host()
          + ":"
          + target.port()
          + " is not in "
          + target.knownHosts()
          + " (refusing to connect to an unverified host)";
    }
    if (message.contains("HostKey has been changed")) {
      return "host key of "
          + target.host()
          + ":"
          + target.port()
          + " does not match the one pinned in "
          + target.knownHosts()
          + " (possible man-in-the-middle; connection refused)";
    }
    if (message.contains("Auth fail") || message.contains("Auth cancel")) {
      return "authentication as "
          + target.user()
          + " on "
          + target.host()
          + ":"
          + target.port()
          + " failed";
    }
    if (message.contains("timeout") || message.contains("timed out")) {
      return "connecting to "
          + target.host()
          + ":"
          + target.port()
          + " timed out after "
          + target.connectTimeout().toSeconds()
          + " s";
    }
    if (cause instanceof java.net.ConnectException || message.contains("Connection refused")) {
      return "connection to " + target.host() + ":" + target.port() + " refused";
    }
    if (cause instanceof java.net.UnknownHostException) {
      return "unknown host " + target.host();
    }
    if (cause instanceof IOException io) {
      return "connection to " + target.host() + ":" + target.port() + " failed: " + io.getMessage();
    }
    if (message.contains("invalid privatekey")) {
      return "identity " + target.identity() + " is not a private key JSch can read";
    }
    return "SSH to " + target + " failed: " + message;
  }
}
