package io.jenkins.plugins.cloudimages.deploy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A real driver talking to a FAKE cloud server, whose instances have no guest to log in to: this
 * wrapper stands in for the guest with an exec that answers while the fake says the instance runs,
 * so that the {@link Deployer} can be driven end to end (and through {@link FaultInjectingDriver})
 * without SSH.
 */
public final class ExecGuest implements CloudDriver, ExecReachable {
  private final CloudDriver real;
  private final Predicate<String> running;

  /**
   * @param running whether the fake cloud runs the instance with this id
   */
  public ExecGuest(CloudDriver real, Predicate<String> running) {
    this.real = real;
    this.running = running;
  }

  @Override
  public String type() {
    return real.type();
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    return real.uploadImage(image, build, deadline);
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    return real.boot(image, spec, deadline);
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    return real.awaitAddress(instance, deadline);
  }

  @Override
  public String consoleOutput(CloudResource instance) throws CloudException {
    return real.consoleOutput(instance);
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    real.delete(resource, deadline);
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    real.heartbeat(resource, now);
  }

  @Override
  public List<CloudResource> listOwned() throws CloudException {
    return real.listOwned();
  }

  @Override
  public RemoteShell shell(CloudResource instance) {
    return new RemoteShell() {
      @Override
      public Result run(String command, Duration timeout, Consumer<String> out) {
        boolean up = running.test(instance.id());
        return new Result(
            up ? 0 : 255, up ? "" : "instance " + instance.id() + " is not running", false);
      }

      @Override
      public void upload(java.io.InputStream content, String remotePath) throws IOException {
        content.transferTo(java.io.OutputStream.nullOutputStream());
      }

      @Override
      public String describe() {
        return "exec standing in for " + instance.id();
      }

      @Override
      public void close() {}
    };
  }
}
