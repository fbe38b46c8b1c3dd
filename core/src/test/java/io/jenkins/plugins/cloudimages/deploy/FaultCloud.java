package io.jenkins.plugins.cloudimages.deploy;

import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One cloud of the {@link FaultInjectionRun}: a driver talking to a fresh FAKE server of its own
 * (stateful, written from the cloud's API reference), and what that fake still holds afterwards.
 * One instance serves one injected fault and is closed after it.
 */
public interface FaultCloud extends AutoCloseable {
  /** Starts a fresh fake; {@code dir} is the fault's own scratch directory. */
  @FunctionalInterface
  interface Factory {
    FaultCloud start(Path dir) throws IOException;
  }

  /** The driver on the fake, its instances reachable through an exec (there is no guest). */
  CloudDriver driver();

  ImageSource image() throws Exception;

  /** Images, instances, addresses ... the fake still holds. */
  int leftovers();

  /** What the fake holds, for the message of a leak. */
  String describe();

  /** Whether the driver creates a floating IP of its own when asked. */
  default boolean floatingIps() {
    return false;
  }

  /**
   * Deploys in a child JVM that exits or is killed by {@code mode} at {@code point}, its work
   * folder {@code dir/work}; false when this cloud has no child runner.
   */
  default boolean runChild(Path dir, Point point, Mode mode)
      throws IOException, InterruptedException {
    return false;
  }

  @Override
  void close();
}
