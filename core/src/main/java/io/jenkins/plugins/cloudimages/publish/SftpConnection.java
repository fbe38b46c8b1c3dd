package io.jenkins.plugins.cloudimages.publish;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.jenkins.plugins.cloudimages.ssh.SshConnector;
import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import io.jenkins.plugins.cloudimages.support.ShellQuote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SSH session with an SFTP channel to the image host, opened on first use and again after it
 * dropped. Also runs {@code sha256sum} on the host when the host lets it.
 */
final class SftpConnection implements AutoCloseable {
  /**
   * AES-GCM first: it needs no separate MAC pass, and the JDK runs it with AES-NI/CLMUL intrinsics,
   * so it is the fastest cipher JSch has for bulk data.
   */
  static final String PREFERRED_CIPHER = "aes128-gcm@openssh.com";

  private static final String CIPHERS =
      PREFERRED_CIPHER + ",aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr";

  private static final Pattern DIGEST_LINE = Pattern.compile("^\\\\?([0-9a-f]{64}) .*");

  private final SshTarget target;
  private final int requestsInFlight;
  private Session session;
  private ChannelSftp sftp;
  private Boolean remoteSha256sum;
  private int connects;

  SftpConnection(SshTarget target, int requestsInFlight) {
    this.target = target;
    this.requestsInFlight = requestsInFlight;
  }

  /** The SFTP channel, connecting first when there is none or it broke. */
  ChannelSftp sftp() throws SshException {
    if (sftp != null && !isBroken()) {
      return sftp;
    }
    drop();
    session = SshConnector.connect(target, Map.of("cipher.c2s", CIPHERS, "cipher.s2c", CIPHERS));
    connects++;
    try {
      ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
      channel.setBulkRequests(requestsInFlight);
      channel.connect((int) target.connectTimeout().toMillis());
      sftp = channel;
      return sftp;
    } catch (JSchException e) {
      drop();
      throw new SshException(
          "the SFTP subsystem of " + target + " cannot be started: " + e.getMessage(), e);
    }
  }

  /**
   * A second SFTP channel for bulk writes; empty when the server refuses another channel on this
   * connection (e.g. MaxSessions 1), in which case ChannelSftp's own writes are used.
   */
  Optional<PipelinedSftpWriter> pipelinedWriter() throws SshException, IOException {
    sftp();
    try {
      return Optional.of(
          PipelinedSftpWriter.open(
              session, requestsInFlight, (int) target.connectTimeout().toMillis()));
    } catch (JSchException e) {
      if (!session.isConnected()) {
        throw new IOException("connection to " + target + " dropped: " + e.getMessage(), e);
      }
      return Optional.empty();
    } catch (com.jcraft.jsch.SftpException e) {
      return Optional.empty();
    }
  }

  /** True when the session or its channel is gone (the peer closed it or the network dropped). */
  boolean isBroken() {
    return session == null || !session.isConnected() || sftp == null || sftp.isClosed();
  }

  /** How many times a session was opened (1 when it never dropped). */
  int connects() {
    return connects;
  }

  /**
   * The host's own SHA-256 of {@code path}, or empty when it cannot run {@code sha256sum} (an
   * SFTP-only account, a host without coreutils).
   */
  Optional<String> remoteSha256(String path) throws SshException, IOException {
    if (Boolean.FALSE.equals(remoteSha256sum)) {
      return Optional.empty();
    }
    sftp();
    ChannelExec exec;
    try {
      exec = (ChannelExec) session.openChannel("exec");
      exec.setCommand("sha256sum -b -- " + ShellQuote.quote(path));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      exec.setOutputStream(out);
      exec.setErrStream(new ByteArrayOutputStream());
      exec.connect((int) target.connectTimeout().toMillis());
      while (!exec.isClosed()) {
        if (!session.isConnected()) {
          throw new IOException("connection to " + target + " dropped while hashing " + path);
        }
        Thread.sleep(20);
      }
      int status = exec.getExitStatus();
      exec.disconnect();
      Matcher m = DIGEST_LINE.matcher(out.toString(java.nio.charset.StandardCharsets.UTF_8));
      if (status == 0 && m.find()) {
        remoteSha256sum = true;
        return Optional.of(m.group(1));
      }
      if (Boolean.TRUE.equals(remoteSha256sum)) {
        throw new IOException(
            "sha256sum " + path + " failed on " + target + " (exit " + status + ")");
      }
    } catch (JSchException e) {
      // The server offers no exec channel (SFTP-only); the digest cannot be checked there.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing " + path + " on " + target, e);
    }
    remoteSha256sum = false;
    return Optional.empty();
  }

  /** Forgets the current session without waiting for the peer. */
  void drop() {
    if (sftp != null) {
      sftp.disconnect();
      sftp = null;
    }
    if (session != null) {
      session.disconnect();
      session = null;
    }
  }

  @Override
  public void close() {
    drop();
  }

  @Override
  public String toString() {
    return target.toString();
  }
}
