package io.jenkins.plugins.cloudimages.deploy;

import java.util.Map;

/**
 * What an instance is started with: cloud-init user data carrying the per-build public key (and,
 * where the cloud cannot show its console, the injected host key), the login user, flavor and
 * network by name (null for the cloud's default) and the build's tags.
 */
public record BootSpec(
    String name,
    String userData,
    String loginUser,
    String authorizedKey,
    String flavor,
    String network,
    boolean floatingIp,
    Map<String, String> tags) {
  public BootSpec {
    tags = Map.copyOf(tags);
  }
}
