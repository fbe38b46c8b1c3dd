package io.jenkins.plugins.cloudimages.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What the driver tests hand a driver: a deadline and the boot of one tagged instance. */
public final class DriverCalls {
  private DriverCalls() {}

  public static Deadline deadline(Duration duration) {
    return Deadline.in("test", duration, Clock.systemUTC());
  }

  /**
   * One instance named {@code name}, logging in as root with a test key, with a cloud-config that
   * only turns password logins off, and the build's tags.
   */
  public static BootSpec bootSpec(String name, BuildIdentity build) {
    return new BootSpec(
        name,
        "#cloud-config\nssh_pwauth: false\n",
        "root",
        "ssh-ed25519 AAAAC3Nza test",
        null,
        null,
        false,
        build.tags(Instant.parse("2026-01-01T00:00:00Z")),
        null);
  }
}
