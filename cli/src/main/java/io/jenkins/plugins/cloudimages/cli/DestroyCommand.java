package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.KeptDeployments;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cloudimg destroy}: ends a deployment kept with {@code deploy --keep}. */
@Command(
    name = "destroy",
    mixinStandardHelpOptions = true,
    description = "Destroys a kept deployment: its instance, image and every other resource of it.")
final class DestroyCommand implements Callable<Integer> {
  @Mixin CloudOptions cloud;

  @Parameters(paramLabel = "ID", description = "The instance id that 'cloudimg deploy' printed.")
  String id;

  @Override
  public Integer call() throws Exception {
    try {
      List<CloudResource> removed =
          KeptDeployments.destroy(
              cloud.driver(),
              id,
              KeptDeployments.defaultWorkRoot(),
              Duration.ofMinutes(3),
              line -> System.err.println(line));
      removed.forEach(r -> System.out.println("destroyed " + r));
      return Cloudimg.OK;
    } catch (CloudException e) {
      System.err.println("cloudimg destroy: " + e.getMessage());
      return Cloudimg.FAILED;
    }
  }
}
