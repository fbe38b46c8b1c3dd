package io.jenkins.plugins.cloudimages.deploy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Deletes cloud resources, retrying each with exponential backoff until the delete deadline; a
 * resource that is already gone counts as deleted. It runs whatever the thread's interrupt state
 * (cleanup after an abort must still happen) and restores that state afterwards.
 */
public final class ResourceReaper {
  private final CloudDriver driver;
  private final Clock clock;
  private final Duration timeout;
  private final Consumer<String> log;

  public ResourceReaper(CloudDriver driver, Clock clock, Duration timeout, Consumer<String> log) {
    this.driver = driver;
    this.clock = clock;
    this.timeout = timeout;
    this.log = log;
  }

  /** Deletes {@code resources} in reverse order of creation; returns those still left. */
  public List<CloudResource> deleteAll(List<CloudResource> resources) {
    boolean interrupted = Thread.interrupted();
    List<CloudResource> left = new ArrayList<>();
    try {
      for (int i = resources.size() - 1; i >= 0; i--) {
        CloudResource resource = resources.get(i);
        if (!delete(resource)) {
          left.add(resource);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return left;
  }

  /** Deletes one resource with retries; true when it is gone. */
  public boolean delete(CloudResource resource) {
    Deadline deadline = Deadline.in("delete " + resource, timeout, clock);
    long backoff = Math.max(20, Math.min(500, timeout.toMillis() / 20));
    for (int attempt = 1; ; attempt++) {
      try {
        driver.delete(resource, deadline);
        log.accept("deleted " + resource);
        return true;
      } catch (CloudException e) {
        if (e.isNotFound()) {
          log.accept(resource + " was already gone");
          return true;
        }
        log.accept("deleting " + resource + " failed (attempt " + attempt + "): " + e.getMessage());
      } catch (RuntimeException e) {
        log.accept("deleting " + resource + " failed (attempt " + attempt + "): " + e);
      }
      if (deadline.passed()) {
        log.accept(
            "giving up on "
                + resource
                + " after "
                + attempt
                + " attempts; the janitor will find it");
        return false;
      }
      pause(Math.min(backoff, deadline.remaining().toMillis()));
      backoff = Math.min(backoff * 2, 10_000);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      // a second abort during cleanup: keep cleaning, the caller restores the flag
      Thread.interrupted();
    }
  }
}
