package io.jenkins.plugins.cloudimages.tfunctional;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.jenkins.plugins.cloudimages.ssh.SshConnector;
import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** A {@link RemoteShell} over one JSch session: one exec channel per command. */
public final class SshRemoteShell implements RemoteShell {
  private static final int CHANNEL_OPEN_MILLIS = 30_000;
  private static final long POLL_MILLIS = 20;

  private final SshTarget target;
  private final Session session;

  private SshRemoteShell(SshTarget target, Session session) {
    this.target = target;
    this.session = session;
  }

  /**
   * Connects with the host key checked against the target's known_hosts.
   *
   * @throws RemoteShellException with {@link SshConnector}'s one-sentence reason
   */
  public static SshRemoteShell connect(SshTarget target) throws RemoteShellException {
    try {
      return new SshRemoteShell(target, SshConnector.connect(target));
    } catch (SshException e) {
      throw new RemoteShellException(e.getMessage(), e);
    }
  }

  @Override
  public ExecResult exec(String command, LineListener output, Duration timeout)
      throws RemoteShellException, InterruptedException {
    LineListener serialized = serialize(output);
    LineSplitter stdout = new LineSplitter(serialized);
    LineSplitter stderr = new LineSplitter(serialized);
    ChannelExec channel = open(command);
    channel.setInputStream(null);
    channel.setOutputStream(stdout, true);
    channel.setErrStream(stderr, true);
    try {
      connect(channel);
      boolean finished = await(channel, timeout);
      stdout.flush();
      stderr.flush();
      if (!finished) {
        return ExecResult.timeout();
      }
      if (channel.getExitStatus() == -1 && !session.isConnected()) {
        throw dropped(null);
      }
      return ExecResult.exited(channel.getExitStatus());
    } finally {
      channel.disconnect();
    }
  }

  @Override
  public void upload(InputStream content, String remotePath)
      throws RemoteShellException, InterruptedException {
    StringBuilder errors = new StringBuilder();
    ChannelExec channel = open("cat > " + ShellQuote.quote(remotePath));
    channel.setErrStream(new LineSplitter(line -> errors.append(line).append(' ')), true);
    try {
      OutputStream stdin = channel.getOutputStream();
      connect(channel);
      try (stdin) {
        content.transferTo(stdin);
      }
      await(channel, Duration.ofMinutes(10));
      if (channel.getExitStatus() != 0) {
        if (!session.isConnected()) {
          throw dropped(null);
        }
        throw new RemoteShellException(
            "cannot write " + remotePath + " on " + describe() + ": " + errors.toString().trim());
      }
    } catch (IOException e) {
      if (!session.isConnected()) {
        throw dropped(e);
      }
      throw new RemoteShellException(
          "copying to " + remotePath + " on " + describe() + " failed: " + e.getMessage(), e);
    } finally {
      channel.disconnect();
    }
  }

  private ChannelExec open(String command) throws RemoteShellException {
    if (!session.isConnected()) {
      throw dropped(null);
    }
    try {
      ChannelExec channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command);
      return channel;
    } catch (JSchException e) {
      throw new RemoteShellException(
          "cannot open a channel to " + describe() + ": " + e.getMessage(), e);
    }
  }

  private void connect(ChannelExec channel) throws RemoteShellException {
    try {
      channel.connect(CHANNEL_OPEN_MILLIS);
    } catch (JSchException e) {
      if (!session.isConnected()) {
        throw dropped(e);
      }
      throw new RemoteShellException(
          "cannot start a command on " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** Waits until the channel closes (true) or the timeout passes (false). */
  private boolean await(ChannelExec channel, Duration timeout)
      throws ConnectionDroppedException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!channel.isClosed()) {
      if (!session.isConnected()) {
        throw dropped(null);
      }
      if (System.nanoTime() - end >= 0) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
  }

  private ConnectionDroppedException dropped(Exception cause) {
    return new ConnectionDroppedException(
        "the SSH connection to " + describe() + " was lost", cause);
  }

  private static LineListener serialize(LineListener listener) {
    return new LineListener() {
      @Override
      public synchronized void line(String line) {
        listener.line(line);
      }
    };
  }

  @Override
  public String describe() {
    return target.toString();
  }

  @Override
  public void close() {
    session.disconnect();
  }
}
