package io.jenkins.plugins.cloudimages.deploy;

import java.util.Map;

/**
 * What an instance is started with: cloud-init user data carrying the per-build public key (and,
 * where the cloud cannot show its console, the injected host key), the login user, flavor and
 * network by name (null for the cloud's default) and the build's tags. {@code hostKey} is the host
 * key pair also found in the user data (null when the key is read from the console instead), for
 * drivers that hand it to images without cloud-init.
 */
public record BootSpec(
    String name,
    String userData,
    String loginUser,
    String authorizedKey,
    String flavor,
    String network,
    boolean floatingIp,
    Map<String, String> tags,
    SshKeyPair hostKey) {
  public BootSpec {
    tags = Map.copyOf(tags);
  }
}
