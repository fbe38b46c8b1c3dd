package io.jenkins.plugins.cloudimages.deploy;

import java.util.Map;

/**
 * Something a driver created in a cloud and must destroy: an image, an instance, a floating IP, a
 * volume or a container. {@code tags} carry the build identity and heartbeat (see {@link
 * BuildIdentity}).
 */
public record CloudResource(Kind kind, String id, String name, Map<String, String> tags) {
  public enum Kind {
    IMAGE,
    INSTANCE,
    FLOATING_IP,
    VOLUME,
    KEYPAIR
  }

  public CloudResource {
    tags = Map.copyOf(tags);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + id
        + (name == null ? "" : " (" + name + ")");
  }
}
