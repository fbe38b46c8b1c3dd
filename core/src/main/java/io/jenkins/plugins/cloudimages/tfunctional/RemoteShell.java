package io.jenkins.plugins.cloudimages.tfunctional;

import java.io.InputStream;
import java.time.Duration;

/**
 * Runs shell commands on the machine under test and copies files onto it. The SSH implementation is
 * {@link SshRemoteShell}; a container runtime can provide another (for example docker exec).
 *
 * <p>Commands are POSIX {@code sh} command lines run by the login user. An implementation does not
 * have to kill what a command started when it times out: the runner does that itself through a
 * second command, because closing a channel does not end the remote processes.
 */
public interface RemoteShell extends AutoCloseable {

  /**
   * Runs {@code command}, passing each line of its standard output and standard error to {@code
   * output} as it arrives, and waits for it at most {@code timeout}.
   *
   * @throws ConnectionDroppedException when the connection is lost while the command runs
   * @throws RemoteShellException when the command cannot be started
   */
  ExecResult exec(String command, LineListener output, Duration timeout)
      throws RemoteShellException, InterruptedException;

  /** Writes {@code content} to the file {@code remotePath} (replacing it). */
  void upload(InputStream content, String remotePath)
      throws RemoteShellException, InterruptedException;

  /** Where commands run, for messages (e.g. {@code root@10.0.0.5:22}). */
  String describe();

  @Override
  void close();
}
