package io.jenkins.plugins.cloudimages.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The end of a phase (upload, boot, reachable, delete). */
public record Deadline(String phase, Instant at, Clock clock) {

  public static Deadline in(String phase, Duration duration, Clock clock) {
    return new Deadline(phase, clock.instant().plus(duration), clock);
  }

  public boolean passed() {
    return !clock.instant().isBefore(at);
  }

  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Throws when the phase ran out of time. */
  public void check() throws CloudException {
    if (passed()) {
      throw new CloudException(phase + " timed out");
    }
  }
}
