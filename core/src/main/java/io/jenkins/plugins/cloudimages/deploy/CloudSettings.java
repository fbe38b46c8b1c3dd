package io.jenkins.plugins.cloudimages.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cloud as the clouds file defines it: its driver type, endpoint, where its credentials come
 * from (an environment variable or a file, never the command line), default flavor and network, and
 * driver-specific settings. A host that keeps secrets itself (the Jenkins plugin) hands the
 * credentials over as {@code credentialsText} instead, so that they never touch the disk.
 */
public record CloudSettings(
    String name,
    String type,
    String endpoint,
    String credentialsEnv,
    Path credentialsFile,
    String flavor,
    String network,
    Map<String, String> options,
    String credentialsText) {
  public CloudSettings {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A cloud of the clouds file: credentials from an environment variable or a file. */
  public CloudSettings(
      String name,
      String type,
      String endpoint,
      String credentialsEnv,
      Path credentialsFile,
      String flavor,
      String network,
      Map<String, String> options) {
    this(name, type, endpoint, credentialsEnv, credentialsFile, flavor, network, options, null);
  }

  /** A cloud whose credentials are given as text: exactly what its credentials file would hold. */
  public static CloudSettings withCredentialsText(
      String name,
      String type,
      String endpoint,
      String credentialsText,
      String flavor,
      String network,
      Map<String, String> options) {
    return new CloudSettings(
        name, type, endpoint, null, null, flavor, network, options, credentialsText);
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

  /**
   * The credentials, from the given text, the environment variable or the file; null when none is
   * configured.
   */
  public String credentials() throws CloudException {
    if (credentialsText != null) {
      return credentialsText.strip();
    }
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

  /** Never shows the credentials text. */
  @Override
  public String toString() {
    return "CloudSettings[name="
        + name
        + ", type="
        + type
        + ", endpoint="
        + endpoint
        + ", credentialsEnv="
        + credentialsEnv
        + ", credentialsFile="
        + credentialsFile
        + ", credentialsText="
        + (credentialsText == null ? "null" : "****")
        + ", flavor="
        + flavor
        + ", network="
        + network
        + ", options="
        + options
        + "]";
  }
}
