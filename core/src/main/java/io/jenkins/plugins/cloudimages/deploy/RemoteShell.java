package io.jenkins.plugins.cloudimages.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs commands on a deployed instance: over SSH for machines, through the engine's exec for
 * containers. Later stages (t_functional) use only this.
 */
public interface RemoteShell extends AutoCloseable {

  /** How a command ended; {@code timedOut} when it ran out of time and was abandoned. */
  record Result(int exitCode, String output, boolean timedOut) {
    public boolean succeeded() {
      return exitCode == 0 && !timedOut;
    }
  }

  /**
   * Runs {@code command} with {@code /bin/sh -c} as the login user, stdout and stderr merged, each
   * line passed to {@code output} as it arrives.
   */
  Result run(String command, Duration timeout, Consumer<String> output)
      throws IOException, InterruptedException;

  default Result run(String command, Duration timeout) throws IOException, InterruptedException {
    return run(command, timeout, line -> {});
  }

  @Override
  void close();
}
