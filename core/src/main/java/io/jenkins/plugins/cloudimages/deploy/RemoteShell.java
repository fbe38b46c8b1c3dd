package io.jenkins.plugins.cloudimages.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs commands on a deployed instance and copies files onto it: over SSH for machines ({@link
 * SshShell}), through the engine's exec for containers. Later stages (t_functional) use only this.
 *
 * <p>Commands are POSIX {@code sh} command lines run by the login user. An implementation does not
 * kill what a command started when it times out: it stops waiting and says so in the result.
 * Callers that must end the remote processes do it with a second command, because closing a channel
 * does not end them.
 */
public interface RemoteShell extends AutoCloseable {

  /**
   * How a command ended.
   *
   * @param exitCode its exit status, or -1 when it timed out or was ended by a signal
   * @param output the end of its merged output (at most {@link OutputTail#LIMIT} characters)
   * @param timedOut whether the caller stopped waiting for it
   */
  record Result(int exitCode, String output, boolean timedOut) {
    public boolean succeeded() {
      return exitCode == 0 && !timedOut;
    }
  }

  /**
   * Runs {@code command}, passing each line of its standard output and standard error (merged) to
   * {@code output} as it arrives, and waits for it at most {@code timeout}.
   *
   * @throws ConnectionDroppedException when the connection is lost while the command runs
   * @throws RemoteShellException when the command cannot be started
   */
  Result run(String command, Duration timeout, Consumer<String> output)
      throws IOException, InterruptedException;

  default Result run(String command, Duration timeout) throws IOException, InterruptedException {
    return run(command, timeout, line -> {});
  }

  /**
   * Writes {@code content} to the file {@code remotePath} (replacing it); the folder must exist.
   *
   * @throws ConnectionDroppedException when the connection is lost during the copy
   * @throws RemoteShellException when the file cannot be written
   */
  void upload(InputStream content, String remotePath) throws IOException, InterruptedException;

  /** Where commands run, for messages (e.g. {@code root@10.0.0.5:22}). */
  String describe();

  @Override
  void close();
}
