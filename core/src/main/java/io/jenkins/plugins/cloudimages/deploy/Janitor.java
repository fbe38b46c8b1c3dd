package io.jenkins.plugins.cloudimages.deploy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Removes what crashed or killed builds left in a cloud: every resource carrying the cloudimg tags
 * whose heartbeat is older than a limit. Live resources (fresh heartbeat) are never touched,
 * whichever controller owns them; resources without a readable heartbeat are left alone too.
 */
public final class Janitor {

  /** What one sweep did. */
  public record Report(
      List<CloudResource> removed, List<CloudResource> kept, List<CloudResource> failed) {}

  private final CloudDriver driver;
  private final Clock clock;
  private final ResourceReaper reaper;
  private Path workRoot;

  public Janitor(CloudDriver driver, Clock clock, Duration deleteTimeout, Consumer<String> log) {
    this.driver = driver;
    this.clock = clock;
    this.reaper = new ResourceReaper(driver, clock, deleteTimeout, log);
  }

  /**
   * Also removes the local folders (private key, known_hosts) of the deployments whose resources
   * were all removed, for a killed process that ran here.
   */
  public Janitor withWorkRoot(Path workRoot) {
    this.workRoot = workRoot;
    return this;
  }

  public Report sweep(Duration olderThan) throws CloudException {
    Instant limit = clock.instant().minus(olderThan);
    List<CloudResource> stale = new ArrayList<>();
    List<CloudResource> kept = new ArrayList<>();
    for (CloudResource resource : driver.listOwned()) {
      Instant heartbeat = heartbeat(resource);
      if (heartbeat != null && heartbeat.isBefore(limit)) {
        stale.add(resource);
      } else {
        kept.add(resource);
      }
    }
    // instances go before what they use (floating IPs, volumes), images last
    stale.sort(Comparator.comparingInt(Janitor::order));
    List<CloudResource> removed = new ArrayList<>();
    List<CloudResource> failed = new ArrayList<>();
    for (CloudResource resource : stale) {
      (reaper.delete(resource) ? removed : failed).add(resource);
    }
    if (workRoot != null) {
      Set<String> unfinished = new HashSet<>();
      failed.forEach(r -> unfinished.add(r.tags().get(BuildIdentity.TAG_DEPLOYMENT)));
      for (CloudResource r : removed) {
        String deployment = r.tags().get(BuildIdentity.TAG_DEPLOYMENT);
        if (deployment != null
            && deployment.matches("[a-z0-9-]+")
            && !unfinished.contains(deployment)) {
          Deployment.deleteTree(workRoot.resolve(deployment));
        }
      }
    }
    return new Report(removed, kept, failed);
  }

  static Instant heartbeat(CloudResource resource) {
    String value = resource.tags().get(BuildIdentity.TAG_HEARTBEAT);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static int order(CloudResource resource) {
    return switch (resource.kind()) {
      case INSTANCE -> 0;
      case FLOATING_IP -> 1;
      case VOLUME -> 2;
      case KEYPAIR -> 3;
      case IMAGE -> 4;
    };
  }
}
