package io.jenkins.plugins.cloudimages.plugin.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The environment variables of ../shared/conventions.md, and reading them back. */
public final class StepEnvironment {
  public static final String INSTANCE_HOST = "CLOUDIMG_INSTANCE_HOST";
  public static final String INSTANCE_PORT = "CLOUDIMG_INSTANCE_PORT";
  public static final String INSTANCE_USER = "CLOUDIMG_INSTANCE_USER";
  public static final String INSTANCE_ID = "CLOUDIMG_INSTANCE_ID";
  public static final String INSTANCE_KNOWN_HOSTS = "CLOUDIMG_INSTANCE_KNOWN_HOSTS";
  public static final String INSTANCE_KEY = "CLOUDIMG_INSTANCE_KEY";
  public static final String INSTANCE_CLOUD = "CLOUDIMG_INSTANCE_CLOUD";
  public static final String IMAGE_NAME = "CLOUDIMG_IMAGE_NAME";
  public static final String IMAGE_FILE = "CLOUDIMG_IMAGE_FILE";
  public static final String IMAGE_URL = "CLOUDIMG_IMAGE_URL";
  public static final String IMAGE_SHA256 = "CLOUDIMG_IMAGE_SHA256";

  private StepEnvironment() {}

  /** What the body of {@code cloudDeploy} gets. */
  public static Map<String, String> of(InstanceInfo instance) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(INSTANCE_HOST, instance.host());
    env.put(INSTANCE_PORT, Integer.toString(instance.port()));
    env.put(INSTANCE_USER, instance.user());
    env.put(INSTANCE_ID, instance.id());
    env.put(INSTANCE_KNOWN_HOSTS, instance.knownHosts());
    env.put(INSTANCE_KEY, instance.keyFile());
    env.put(INSTANCE_CLOUD, instance.cloud());
    return env;
  }

  /** What {@code kickstartImage} exports to the steps after it. */
  public static Map<String, String> of(ImageInfo image) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(IMAGE_NAME, image.name());
    env.put(IMAGE_FILE, image.file());
    env.put(IMAGE_URL, image.url() == null ? "" : image.url());
    env.put(IMAGE_SHA256, image.sha256());
    return env;
  }

  /** The instance of the enclosing {@code cloudDeploy}, when there is one. */
  public static Optional<InstanceInfo> instanceFrom(Map<String, String> env) {
    String host = env.get(INSTANCE_HOST);
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new InstanceInfo(
            env.getOrDefault(INSTANCE_CLOUD, ""),
            env.getOrDefault(INSTANCE_ID, ""),
            host,
            parsePort(env.get(INSTANCE_PORT)),
            env.getOrDefault(INSTANCE_USER, "root"),
            env.get(INSTANCE_KEY),
            env.get(INSTANCE_KNOWN_HOSTS)));
  }

  private static int parsePort(String port) {
    try {
      return port == null || port.isBlank() ? 22 : Integer.parseInt(port.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(INSTANCE_PORT + " is not a port number: " + port, e);
    }
  }
}
