package io.jenkins.plugins.cloudimages.publish;

import java.time.Duration;
import java.util.Objects;

/**
 * How files are published.
 *
 * @param destination the folder the files land in (created when missing), e.g. {@code
 *     /srv/images/9/images}
 * @param alias whether to move the unversioned alias to each published image
 * @param verifyRemoteDigest whether to run {@code sha256sum} on the host after the upload
 * @param requestsInFlight SFTP write requests sent before waiting for the first answer
 * @param reconnects how many times a dropped connection is re-established per file
 * @param lockTimeout how long to wait for another publisher to finish with the folder
 */
public record PublishSettings(
    String destination,
    boolean alias,
    boolean verifyRemoteDigest,
    int requestsInFlight,
    int reconnects,
    Duration lockTimeout) {

  /** OpenSSH's sftp keeps 64 requests outstanding. */
  public static final int DEFAULT_REQUESTS_IN_FLIGHT = 64;

  public PublishSettings {
    Objects.requireNonNull(destination, "destination");
    if (destination.isBlank()) {
      throw new IllegalArgumentException("the destination folder is empty");
    }
    if (requestsInFlight < 1) {
      throw new IllegalArgumentException("requestsInFlight must be at least 1");
    }
    lockTimeout = lockTimeout == null ? Duration.ofMinutes(2) : lockTimeout;
  }

  public static PublishSettings to(String destination) {
    return new PublishSettings(
        destination, false, false, DEFAULT_REQUESTS_IN_FLIGHT, 3, Duration.ofMinutes(2));
  }

  public PublishSettings withAlias(boolean value) {
    return new PublishSettings(
        destination, value, verifyRemoteDigest, requestsInFlight, reconnects, lockTimeout);
  }

  public PublishSettings withRemoteDigest(boolean value) {
    return new PublishSettings(
        destination, alias, value, requestsInFlight, reconnects, lockTimeout);
  }

  public PublishSettings withRequestsInFlight(int value) {
    return new PublishSettings(
        destination, alias, verifyRemoteDigest, value, reconnects, lockTimeout);
  }

  public PublishSettings withReconnects(int value) {
    return new PublishSettings(
        destination, alias, verifyRemoteDigest, requestsInFlight, value, lockTimeout);
  }

  public PublishSettings withLockTimeout(Duration value) {
    return new PublishSettings(
        destination, alias, verifyRemoteDigest, requestsInFlight, reconnects, value);
  }
}
