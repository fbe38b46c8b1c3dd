package io.jenkins.plugins.cloudimages.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.CloudsFile;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
import io.jenkins.plugins.cloudimages.kickstart.ContentPolicy;
import io.jenkins.plugins.cloudimages.kickstart.MirrorMap;
import io.jenkins.plugins.cloudimages.release.GitCredentials;
import io.jenkins.plugins.cloudimages.release.GitIdentity;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import io.jenkins.plugins.cloudimages.support.Durations;
import io.jenkins.plugins.cloudimages.tfunctional.SuiteSource;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads the pipeline configuration of {@code cloudimg run --config FILE}: a JSON object whose
 * relative paths are relative to the file. Secrets are never in it: a password is named by the
 * environment variable that holds it. See README.md ("Running the whole pipeline") for the keys.
 */
public final class PipelineConfigFile {
  private final Path file;
  private final JsonNode root;

  private PipelineConfigFile(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /**
   * @throws IllegalArgumentException with the file and line when the file is not valid
   * @throws IOException when it cannot be read
   */
  public static PipelineConfigFile read(Path file) throws IOException {
    try {
      JsonNode root = new ObjectMapper().readTree(Files.readString(file));
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(
            file + ": the pipeline configuration must be a JSON object");
      }
      return new PipelineConfigFile(file, root);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
    }
  }

  /** How many images run at once. */
  public int parallelism() {
    return root.path("parallelism").asInt(2);
  }

  /** The settings for a run over the kickstart repository's work tree {@code repository}. */
  public PipelineSettings settings(Path repository, Consumer<String> log) throws IOException {
    JsonNode host = required(root, "image_host");
    JsonNode release = root.path("release");
    JsonNode tests = root.path("tfunctional");
    String suite = text(tests, "suite", null);
    if (suite == null) {
      throw invalid("tfunctional.suite is required (a folder or a git URL)");
    }
    return new PipelineSettings(
        repository,
        text(release, "branch", "main"),
        gitCredentials(release),
        release.has("author") ? GitIdentity.parse(release.get("author").asText()) : null,
        root.has("policy")
            ? ContentPolicy.load(path(root.get("policy").asText()))
            : ContentPolicy.defaults(),
        MirrorMap.parse(mirrorMap()),
        path(text(root, "output", "cloudimg-output")),
        path(text(root, "work", "cloudimg-work")),
        imageHost(host),
        text(host, "root", "/srv/images"),
        stripSlash(required(host, "base_url").asText()),
        clouds(log),
        suite.contains("://") || suite.startsWith("git@")
            ? new SuiteSource.Git(suite, text(tests, "ref", "master"))
            : new SuiteSource.Directory(suiteFolder(suite)),
        Durations.parse(text(tests, "budget", "10m")),
        text(root, "owner", localHost()),
        text(root, "build", "run-" + Instant.now().getEpochSecond()));
  }

  private List<String> mirrorMap() {
    List<String> specs = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("mirror_map").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      specs.add(entry.getKey() + "=" + entry.getValue().asText());
    }
    return specs;
  }

  private SshTarget imageHost(JsonNode host) {
    String passwordVariable = text(host, "password_env", null);
    char[] password = null;
    if (passwordVariable != null) {
      String value = System.getenv(passwordVariable);
      if (value == null) {
        throw invalid("image_host.password_env names " + passwordVariable + ", which is not set");
      }
      password = value.toCharArray();
    }
    return new SshTarget(
        required(host, "host").asText(),
        host.path("port").asInt(22),
        required(host, "user").asText(),
        host.has("identity") ? path(host.get("identity").asText()) : null,
        password,
        path(required(host, "known_hosts").asText()),
        null);
  }

  private GitCredentials gitCredentials(JsonNode release) {
    if (release.has("identity")) {
      return new GitCredentials.SshKey(
          path(release.get("identity").asText()), path(required(release, "known_hosts").asText()));
    }
    if (release.has("token_env")) {
      String value = System.getenv(release.get("token_env").asText());
      if (value == null) {
        throw invalid("release.token_env names a variable that is not set");
      }
      return new GitCredentials.UsernamePassword(text(release, "user", "git"), value);
    }
    return new GitCredentials.None();
  }

  /**
   * Each configured cloud with how to make its driver; {@code local} is always there. The {@code
   * clouds} object has the clouds file's form (see {@link CloudsFile}).
   */
  private Map<String, Supplier<CloudDriver>> clouds(Consumer<String> log) throws IOException {
    Map<String, CloudSettings> all = new LinkedHashMap<>();
    all.put("local", CloudSettings.local());
    try {
      if (root.has("clouds")) {
        all.putAll(CloudsFile.load(file));
      }
      for (CloudSettings cloud : all.values()) {
        DriverRegistry.get(cloud.type());
      }
    } catch (CloudException | IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    Map<String, Supplier<CloudDriver>> drivers = new LinkedHashMap<>();
    all.forEach((name, cloud) -> drivers.put(name, () -> DriverRegistry.create(cloud, log)));
    return drivers;
  }

  /** A local suite is checked now rather than after an instance was booted for it. */
  private Path suiteFolder(String text) {
    Path folder = path(text);
    if (!Files.isDirectory(folder.resolve("tests"))) {
      throw invalid(
          "tfunctional.suite " + folder + " is not a t_functional suite (it has no tests folder)");
    }
    return folder;
  }

  private Path path(String text) {
    Path path = Path.of(text);
    return path.isAbsolute() ? path : file.toAbsolutePath().getParent().resolve(path).normalize();
  }

  private JsonNode required(JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    if (value == null || value.isNull()) {
      throw invalid(key + " is required");
    }
    return value;
  }

  private static String text(JsonNode parent, String key, String fallback) {
    JsonNode value = parent.get(key);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  private IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException(file + ": " + message);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String localHost() {
    try {
      return "cloudimg@" + InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "cloudimg@localhost";
    }
  }
}
