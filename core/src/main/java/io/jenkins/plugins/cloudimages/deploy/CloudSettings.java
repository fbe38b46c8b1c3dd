package io.jenkins.plugins.cloudimages.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cloud as the clouds file defines it: its driver type, endpoint, where its credentials come
 * from (an environment variable or a file, never the command line), default flavor and network, and
 * driver-specific settings.
 */
public record CloudSettings(
    String name,
    String type,
    String endpoint,
    String credentialsEnv,
    Path credentialsFile,
    String flavor,
    String network,
    Map<String, String> options) {
  public CloudSettings {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** The embedded default: QEMU on this machine, no account needed. */
  public static CloudSettings local() {
    return new CloudSettings("local", "local", null, null, null, null, null, Map.of());
  }

  /** The endpoint; drivers that need one fail with the cloud's name, type and {@code example}. */
  public java.net.URI requiredEndpoint(String example) {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException(
          "cloud " + name + ": " + type + " needs an endpoint, e.g. " + example);
    }
    return java.net.URI.create(endpoint);
  }

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  /** The credentials, from the environment variable or the file; null when none is configured. */
  public String credentials() throws CloudException {
    if (credentialsEnv != null) {
      String value = System.getenv(credentialsEnv);
      if (value == null || value.isEmpty()) {
        throw new CloudException(
            "cloud " + name + ": environment variable " + credentialsEnv + " is not set");
      }
      return value;
    }
    if (credentialsFile != null) {
      try {
        return Files.readString(credentialsFile).strip();
      } catch (IOException e) {
        throw new CloudException(
            "cloud " + name + ": cannot read credentials file " + credentialsFile, 0, e);
      }
    }
    return null;
  }
}
