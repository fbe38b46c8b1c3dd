package io.jenkins.plugins.cloudimages.deploy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Ends a deployment that was kept running ({@code cloudimg deploy --keep}), by the id of any of its
 * resources: everything tagged with the same deployment goes, instances first, and so does its
 * local folder with the private key.
 */
public final class KeptDeployments {
  private KeptDeployments() {}

  /** The default folder for deployments' keys and diagnostics. */
  public static Path defaultWorkRoot() {
    String env = System.getProperty("cloudimg.state", System.getenv("CLOUDIMG_STATE"));
    Path base =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".local", "state", "cloudimg");
    return base.resolve("deployments");
  }

  /** Destroys the deployment {@code id} belongs to; returns what was removed. */
  public static List<CloudResource> destroy(
      CloudDriver driver, String id, Path workRoot, Duration timeout, Consumer<String> log)
      throws CloudException {
    List<CloudResource> owned = driver.listOwned();
    CloudResource target =
        owned.stream()
            .filter(r -> r.id().equals(id) || r.id().startsWith(id) && id.length() >= 12)
            .findFirst()
            .orElseThrow(
                () ->
                    new CloudException(
                        "no cloudimg resource with id " + id + " on " + driver.type(), 404, null));
    String deployment = target.tags().get(BuildIdentity.TAG_DEPLOYMENT);
    List<CloudResource> group = new ArrayList<>();
    for (CloudResource r : owned) {
      if (r.equals(target)
          || deployment != null
              && deployment.equals(r.tags().get(BuildIdentity.TAG_DEPLOYMENT))
              && Objects.equals(
                  r.tags().get(BuildIdentity.TAG_OWNER),
                  target.tags().get(BuildIdentity.TAG_OWNER))) {
        group.add(r);
      }
    }
    // deleteAll goes backwards: put images first so that instances go first
    group.sort(Comparator.comparing((CloudResource r) -> r.kind() != CloudResource.Kind.IMAGE));
    ResourceReaper reaper = new ResourceReaper(driver, Clock.systemUTC(), timeout, log);
    List<CloudResource> left = reaper.deleteAll(group);
    if (!left.isEmpty()) {
      throw new CloudException("could not destroy " + left);
    }
    if (deployment != null && deployment.matches("[a-z0-9-]+")) {
      Deployment.deleteTree(workRoot.resolve(deployment));
    }
    return group;
  }
}
