package io.jenkins.plugins.cloudimages.deploy;

import java.time.Duration;

/**
 * How an HTTP cloud driver waits: between two polls of a slow operation (an import, a template
 * download, a booting instance, an asynchronous job) and before retrying a throttled or failed call
 * (exponential backoff from {@code retryFirst}, at most {@code attempts} tries). Clouds-file
 * options {@code pollMs}, {@code retryMs} and {@code attempts} override the defaults; tests use a
 * few milliseconds.
 */
public record Pacing(Duration poll, Duration retryFirst, int attempts) {

  public static Pacing defaults() {
    return new Pacing(Duration.ofSeconds(5), Duration.ofSeconds(1), 6);
  }

  public static Pacing from(CloudSettings settings) {
    Pacing d = defaults();
    return new Pacing(
        Duration.ofMillis(Long.parseLong(settings.option("pollMs", "" + d.poll().toMillis()))),
        Duration.ofMillis(
            Long.parseLong(settings.option("retryMs", "" + d.retryFirst().toMillis()))),
        Integer.parseInt(settings.option("attempts", "" + d.attempts())));
  }

  /** Waits one poll interval, or until the deadline; throws when the deadline has passed. */
  public void pause(Deadline deadline) throws CloudException {
    deadline.check();
    sleep(min(poll, deadline.remaining()));
  }

  /** Waits before retry number {@code attempt} (1 for the first retry). */
  public void backoff(int attempt) throws CloudException {
    long factor = 1L << Math.min(attempt - 1, 10);
    sleep(min(retryFirst.multipliedBy(factor), Duration.ofSeconds(30)));
  }

  /**
   * Sleeps; an interrupt becomes a CloudException (the flag is cleared so that the caller can still
   * clean up what it created, and restored by {@link #restoreInterrupt}).
   */
  public static void sleep(Duration duration) throws CloudException {
    try {
      Thread.sleep(Math.max(0, duration.toMillis()));
    } catch (InterruptedException e) {
      throw new CloudException("interrupted", 0, e);
    }
  }

  /** Sets the interrupt flag again when {@code e} came from an interrupt. */
  public static void restoreInterrupt(Exception e) {
    if (e.getCause() instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
