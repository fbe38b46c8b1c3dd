package io.jenkins.plugins.cloudimages.deploy;

import java.util.function.Predicate;

/**
 * A real driver talking to a FAKE cloud server, whose instances have no guest to log in to: this
 * wrapper stands in for the guest with an exec that answers while the fake says the instance runs,
 * so that the {@link Deployer} can be driven end to end (and through {@link FaultInjectingDriver})
 * without SSH.
 */
public final class ExecGuest extends ForwardingDriver implements ExecReachable {
  private final Predicate<String> running;

  /**
   * @param running whether the fake cloud runs the instance with this id
   */
  public ExecGuest(CloudDriver real, Predicate<String> running) {
    super(real);
    this.running = running;
  }

  @Override
  public RemoteShell shell(CloudResource instance) {
    return new StubShell(
        "fake guest " + instance.id(),
        command -> {
          boolean up = running.test(instance.id());
          return new RemoteShell.Result(
              up ? 0 : 255, up ? "" : "instance " + instance.id() + " is not running", false);
        });
  }
}
