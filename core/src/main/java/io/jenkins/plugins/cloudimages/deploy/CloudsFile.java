package io.jenkins.plugins.cloudimages.deploy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clouds file (JSON), e.g.
 *
 * <pre>
 * {"clouds": {
 *   "lab":    {"type": "openstack", "endpoint": "https://keystone:5000/v3",
 *              "credentialsEnv": "LAB_OS_PASSWORD", "flavor": "m1.small", "network": "private"},
 *   "podman": {"type": "docker", "endpoint": "unix:///run/podman/podman.sock"}
 * }}
 * </pre>
 *
 * <p>Each cloud may also carry {@code credentialsFile} and an {@code options} object of strings for
 * its driver. The cloud named {@code local} exists without any file.
 */
public final class CloudsFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CloudsFile() {}

  /** The default file: $CLOUDIMG_CLOUDS, else ~/.config/cloudimg/clouds.json. */
  public static Path defaultPath() {
    String env = System.getenv("CLOUDIMG_CLOUDS");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".config", "cloudimg", "clouds.json");
  }

  /** The cloud {@code name}; {@code local} needs no file. Messages name the file and line. */
  public static CloudSettings find(Path file, String name) throws CloudException {
    Map<String, CloudSettings> clouds = Files.exists(file) ? load(file) : Map.of();
    CloudSettings cloud = clouds.get(name);
    if (cloud != null) {
      return cloud;
    }
    if (name.equals("local")) {
      return CloudSettings.local();
    }
    throw new CloudException(
        "no cloud named "
            + name
            + " in "
            + file
            + (Files.exists(file) ? "" : " (the file does not exist)"));
  }

  public static Map<String, CloudSettings> load(Path file) throws CloudException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new CloudException(
          file
              + ":"
              + (at == null ? 1 : at.getLineNr())
              + ": error: not valid JSON: "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CloudException("cannot read " + file + ": " + e.getMessage(), 0, e);
    }
    JsonNode clouds = root == null ? null : root.get("clouds");
    if (clouds == null || !clouds.isObject()) {
      throw new CloudException(file + ":1: error: expected an object with a \"clouds\" object");
    }
    Map<String, CloudSettings> all = new LinkedHashMap<>();
    var fields = clouds.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      JsonNode c = field.getValue();
      String type = text(c, "type");
      if (type == null) {
        throw new CloudException(file + ": error: cloud " + field.getKey() + " has no \"type\"");
      }
      Map<String, String> options = new LinkedHashMap<>();
      c.path("options")
          .fields()
          .forEachRemaining(o -> options.put(o.getKey(), o.getValue().asText()));
      String credentialsFile = text(c, "credentialsFile");
      all.put(
          field.getKey(),
          new CloudSettings(
              field.getKey(),
              type,
              text(c, "endpoint"),
              text(c, "credentialsEnv"),
              credentialsFile == null ? null : file.resolveSibling(credentialsFile),
              text(c, "flavor"),
              text(c, "network"),
              options));
    }
    return all;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
