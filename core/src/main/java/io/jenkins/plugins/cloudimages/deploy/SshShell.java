package io.jenkins.plugins.cloudimages.deploy;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.jenkins.plugins.cloudimages.ssh.SshConnector;
import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** A {@link RemoteShell} over one SSH session with a pinned host key, opened on first use. */
public final class SshShell implements RemoteShell {
  private final SshTarget target;
  private Session session;

  public SshShell(SshTarget target) {
    this.target = target;
  }

  @Override
  public synchronized Result run(String command, Duration timeout, Consumer<String> output)
      throws IOException, InterruptedException {
    ChannelExec channel;
    try {
      if (session == null || !session.isConnected()) {
        session = SshConnector.connect(target);
      }
      channel = (ChannelExec) session.openChannel("exec");
    } catch (SshException e) {
      throw new IOException(e.getMessage(), e);
    } catch (JSchException e) {
      throw new IOException("SSH to " + target + ": " + e.getMessage(), e);
    }
    channel.setCommand(command);
    channel.setInputStream(null);
    channel.setErrStream(null);
    channel.setPty(false);
    StringBuilder all = new StringBuilder();
    try {
      java.io.PipedInputStream in = new java.io.PipedInputStream(64 * 1024);
      java.io.PipedOutputStream sink = new java.io.PipedOutputStream(in);
      channel.setOutputStream(sink, false);
      channel.setExtOutputStream(sink, true);
      channel.connect((int) Math.max(1000, Math.min(timeout.toMillis(), 30_000)));
      Thread pump =
          new Thread(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    output.accept(line);
                    synchronized (all) {
                      all.append(line).append('\n');
                    }
                  }
                } catch (IOException closed) {
                  // the channel ended
                }
              },
              "ssh output " + target);
      pump.setDaemon(true);
      pump.start();
      Instant end = Instant.now().plus(timeout);
      while (!channel.isClosed() && Instant.now().isBefore(end)) {
        Thread.sleep(50);
      }
      boolean timedOut = !channel.isClosed();
      channel.disconnect();
      sink.close();
      pump.join(5_000);
      synchronized (all) {
        return new Result(timedOut ? -1 : channel.getExitStatus(), all.toString(), timedOut);
      }
    } catch (JSchException e) {
      channel.disconnect();
      throw new IOException("SSH command on " + target + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.disconnect();
      session = null;
    }
  }
}
