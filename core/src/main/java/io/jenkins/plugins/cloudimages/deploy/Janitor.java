package io.jenkins.plugins.cloudimages.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  public Janitor(CloudDriver driver, Clock clock, Duration deleteTimeout, Consumer<String> log) {
    this.driver = driver;
    this.clock = clock;
    this.reaper = new ResourceReaper(driver, clock, deleteTimeout, log);
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
