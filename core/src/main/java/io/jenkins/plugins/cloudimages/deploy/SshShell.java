package io.jenkins.plugins.cloudimages.deploy;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.jenkins.plugins.cloudimages.ssh.SshConnector;
import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import io.jenkins.plugins.cloudimages.support.ShellQuote;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A {@link RemoteShell} over one SSH session with a pinned host key: one exec channel per command.
 * The session is opened on first use (or by {@link #connect}) and opened again before a command
 * when it has gone; a session lost while a command runs is a {@link ConnectionDroppedException}.
 */
public final class SshShell implements RemoteShell {
  private static final int CHANNEL_OPEN_MILLIS = 30_000;
  private static final long POLL_MILLIS = 20;
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final SshTarget target;
  private Session session;

  public SshShell(SshTarget target) {
    this.target = target;
  }

  /**
   * Connects now, with the host key checked against the target's known_hosts.
   *
   * @throws RemoteShellException with {@link SshConnector}'s one-sentence reason
   */
  public static SshShell connect(SshTarget target) throws RemoteShellException {
    SshShell shell = new SshShell(target);
    shell.session();
    return shell;
  }

  @Override
  public Result run(String command, Duration timeout, Consumer<String> output)
      throws RemoteShellException, InterruptedException {
    OutputTail tail = new OutputTail();
    Consumer<String> serialized = serialize(tail.alsoTo(output));
    LineSplitter stdout = new LineSplitter(serialized);
    LineSplitter stderr = new LineSplitter(serialized);
    Session current = session();
    ChannelExec channel = open(current, command);
    channel.setInputStream(null);
    channel.setOutputStream(stdout, true);
    channel.setErrStream(stderr, true);
    try {
      connect(current, channel);
      boolean finished = await(current, channel, timeout);
      stdout.flush();
      stderr.flush();
      if (!finished) {
        return new Result(-1, tail.toString(), true);
      }
      if (channel.getExitStatus() == -1 && !current.isConnected()) {
        throw dropped(null);
      }
      return new Result(channel.getExitStatus(), tail.toString(), false);
    } finally {
      channel.disconnect();
    }
  }

  @Override
  public void upload(InputStream content, String remotePath)
      throws RemoteShellException, InterruptedException {
    OutputTail errors = new OutputTail();
    Session current = session();
    ChannelExec channel = open(current, "cat > " + ShellQuote.quote(remotePath));
    channel.setErrStream(new LineSplitter(errors), true);
    try {
      OutputStream stdin = channel.getOutputStream();
      connect(current, channel);
      try (stdin) {
        content.transferTo(stdin);
      }
      boolean finished = await(current, channel, UPLOAD_TIMEOUT);
      if (!finished || channel.getExitStatus() != 0) {
        if (!current.isConnected()) {
          throw dropped(null);
        }
        throw new RemoteShellException(
            "cannot write "
                + remotePath
                + " on "
                + describe()
                + ": "
                + (finished ? errors.toString().strip().replace('\n', ' ') : "timed out"));
      }
    } catch (IOException e) {
      if (!current.isConnected()) {
        throw dropped(e);
      }
      throw new RemoteShellException(
          "copying to " + remotePath + " on " + describe() + " failed: " + e.getMessage(), e);
    } finally {
      channel.disconnect();
    }
  }

  private synchronized Session session() throws RemoteShellException {
    if (session == null || !session.isConnected()) {
      try {
        session = SshConnector.connect(target);
      } catch (SshException e) {
        throw new RemoteShellException(e.getMessage(), e);
      }
    }
    return session;
  }

  private ChannelExec open(Session current, String command) throws RemoteShellException {
    try {
      ChannelExec channel = (ChannelExec) current.openChannel("exec");
      channel.setCommand(command);
      channel.setPty(false);
      return channel;
    } catch (JSchException e) {
      if (!current.isConnected()) {
        throw dropped(e);
      }
      throw new RemoteShellException(
          "cannot open a channel to " + describe() + ": " + e.getMessage(), e);
    }
  }

  private void connect(Session current, ChannelExec channel) throws RemoteShellException {
    try {
      channel.connect(CHANNEL_OPEN_MILLIS);
    } catch (JSchException e) {
      if (!current.isConnected()) {
        throw dropped(e);
      }
      throw new RemoteShellException(
          "cannot start a command on " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** Waits until the channel closes (true) or the timeout passes (false). */
  private boolean await(Session current, ChannelExec channel, Duration timeout)
      throws ConnectionDroppedException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!channel.isClosed()) {
      if (!current.isConnected()) {
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

  /** Lines come from JSch's session thread and, for the last one, from the caller's flush. */
  private static Consumer<String> serialize(Consumer<String> consumer) {
    Object lock = new Object();
    return line -> {
      synchronized (lock) {
        consumer.accept(line);
      }
    };
  }

  @Override
  public String describe() {
    return target.toString();
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.disconnect();
      session = null;
    }
  }
}
