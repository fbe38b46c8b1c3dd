package io.jenkins.plugins.cloudimages.deploy.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ExecReachable;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.InstanceAddress;
import io.jenkins.plugins.cloudimages.deploy.RemoteShell;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker Engine API (v1.41) over its unix socket; podman's Docker-compatible service works too. The
 * image is a root file system tarball imported with {@code POST /images/create?fromSrc=-}; the
 * instance is a container running a shell that waits, with lowered ulimits (sandboxes with a low
 * hard nofile limit refuse the engine's defaults); it is reached through exec. Labels carry the
 * build's tags. Labels cannot change after creation, so the heartbeat lives in the container's name
 * ({@code --hb<epoch seconds>}) and in an extra image tag ({@code hb-<epoch seconds>}).
 */
public final class DockerDriver implements CloudDriver, ExecReachable {
  static final String API = "/v1.41";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEARTBEAT_NAME = Pattern.compile("--hb(\\d+)$");
  private static final Pattern HEARTBEAT_TAG = Pattern.compile(":hb-(\\d+)$");
  private static final String HEARTBEAT_REPO = "localhost/cloudimg-heartbeat-";

  /** Keeps the container alive until it is stopped, in any image with a POSIX shell. */
  private static final List<String> WAIT_FOREVER =
      List.of("/bin/sh", "-c", "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done");

  private final UnixHttpClient http;

  public DockerDriver(Path socket) {
    this.http = new UnixHttpClient(socket);
  }

  /** The engine's socket: DOCKER_HOST when it is a unix:// URL, else /var/run/docker.sock. */
  public static Path defaultSocket() {
    String host = System.getenv("DOCKER_HOST");
    if (host != null && host.startsWith("unix://")) {
      return Path.of(host.substring("unix://".length()));
    }
    return Path.of("/var/run/docker.sock");
  }

  @Override
  public String type() {
    return "docker";
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    Path file = image.file();
    if (file == null || !Files.isRegularFile(file)) {
      throw new CloudException(
          "the docker driver imports a root file system tarball; " + file + " is not a file");
    }
    Map<String, String> tags = build.tags(Instant.now());
    StringBuilder changes = new StringBuilder();
    tags.forEach(
        (k, v) -> changes.append("&changes=").append(encode("LABEL " + k + "=\"" + v + "\"")));
    String repo = "localhost/cloudimg-" + slug(image.name());
    JsonNode answer =
        call(
            "POST",
            "/images/create?fromSrc=-&repo=" + encode(repo) + changes,
            file,
            deadline,
            "importing " + file);
    String id = lastId(answer);
    if (id == null) {
      throw new CloudException(
          "importing " + file + ": the engine answered no image id: " + answer);
    }
    return new CloudResource(CloudResource.Kind.IMAGE, id, image.name(), tags);
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    ObjectNode body = JSON.createObjectNode();
    body.put("Image", image.id());
    ArrayNode cmd = body.putArray("Cmd");
    WAIT_FOREVER.forEach(cmd::add);
    ObjectNode labels = body.putObject("Labels");
    spec.tags().forEach(labels::put);
    body.put("Hostname", spec.name().length() > 63 ? spec.name().substring(0, 63) : spec.name());
    ObjectNode host = body.putObject("HostConfig");
    ArrayNode ulimits = host.putArray("Ulimits");
    for (String name : List.of("nofile", "nproc")) {
      ulimits.addObject().put("Name", name).put("Soft", 1024).put("Hard", 1024);
    }
    if (spec.network() != null) {
      host.put("NetworkMode", spec.network());
    }
    String name = spec.name() + "--hb" + Instant.now().getEpochSecond();
    JsonNode created =
        call(
            "POST",
            "/containers/create?name=" + encode(name),
            json(body),
            deadline,
            "creating container " + name);
    String id = created.path("Id").asText();
    CloudResource container =
        new CloudResource(CloudResource.Kind.INSTANCE, id, spec.name(), spec.tags());
    try {
      call(
          "POST",
          "/containers/" + id + "/start",
          (byte[]) null,
          deadline,
          "starting container " + id);
    } catch (CloudException e) {
      try {
        delete(container, deadline);
      } catch (CloudException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
    return List.of(container);
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    while (true) {
      JsonNode info =
          call(
              "GET",
              "/containers/" + instance.id() + "/json",
              (byte[]) null,
              deadline,
              "inspecting " + instance);
      JsonNode state = info.path("State");
      if (state.path("Running").asBoolean()) {
        String ip = info.path("NetworkSettings").path("IPAddress").asText("");
        return new InstanceAddress(ip.isEmpty() ? instance.id().substring(0, 12) : ip, 0);
      }
      if (!state.path("Status").asText().equals("created")) {
        throw new CloudException(
            "container "
                + instance.id()
                + " is "
                + state.path("Status").asText()
                + " (exit "
                + state.path("ExitCode").asInt()
                + "): "
                + state.path("Error").asText(""));
      }
      deadline.check();
      pause(200);
    }
  }

  @Override
  public String consoleOutput(CloudResource instance) throws CloudException {
    try {
      UnixHttpClient.Response response =
          http.send(
              "GET",
              API + "/containers/" + instance.id() + "/logs?stdout=1&stderr=1&tail=2000",
              null,
              Duration.ofSeconds(30));
      check(response, "reading the logs of " + instance);
      return DockerExec.demultiplex(response.body());
    } catch (IOException e) {
      throw new CloudException("reading the logs of " + instance + ": " + e.getMessage(), 0, e);
    }
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    String path =
        resource.kind() == CloudResource.Kind.IMAGE
            ? "/images/" + resource.id() + "?force=true"
            : "/containers/" + resource.id() + "?force=true&v=true";
    call("DELETE", path, (byte[]) null, deadline, "deleting " + resource);
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    Deadline deadline =
        Deadline.in("heartbeat", Duration.ofSeconds(30), java.time.Clock.systemUTC());
    long epoch = now.getEpochSecond();
    if (resource.kind() == CloudResource.Kind.IMAGE) {
      String repo = HEARTBEAT_REPO + shortId(resource.id());
      JsonNode info =
          call(
              "GET",
              "/images/" + resource.id() + "/json",
              (byte[]) null,
              deadline,
              "inspecting " + resource);
      call(
          "POST",
          "/images/" + resource.id() + "/tag?repo=" + encode(repo) + "&tag=hb-" + epoch,
          (byte[]) null,
          deadline,
          "tagging " + resource);
      for (JsonNode tag : info.path("RepoTags")) {
        if (tag.asText().startsWith(repo + ":hb-") && !tag.asText().endsWith(":hb-" + epoch)) {
          call(
              "DELETE",
              "/images/" + encode(tag.asText()),
              (byte[]) null,
              deadline,
              "untagging " + tag.asText());
        }
      }
    } else {
      JsonNode info =
          call(
              "GET",
              "/containers/" + resource.id() + "/json",
              (byte[]) null,
              deadline,
              "inspecting " + resource);
      String name = info.path("Name").asText().replaceFirst("^/", "").replaceFirst("--hb\\d+$", "");
      call(
          "POST",
          "/containers/" + resource.id() + "/rename?name=" + encode(name + "--hb" + epoch),
          (byte[]) null,
          deadline,
          "renaming " + resource);
    }
  }

  @Override
  public List<CloudResource> listOwned() throws CloudException {
    Deadline deadline = Deadline.in("list", Duration.ofSeconds(60), java.time.Clock.systemUTC());
    String filter = encode("{\"label\":[\"" + BuildIdentity.TAG_OWNER + "\"]}");
    List<CloudResource> owned = new ArrayList<>();
    for (JsonNode c :
        call(
            "GET",
            "/containers/json?all=true&filters=" + filter,
            (byte[]) null,
            deadline,
            "listing containers")) {
      String name = c.path("Names").path(0).asText().replaceFirst("^/", "");
      Map<String, String> tags = labels(c.path("Labels"));
      Matcher hb = HEARTBEAT_NAME.matcher(name);
      if (hb.find()) {
        newer(tags, Instant.ofEpochSecond(Long.parseLong(hb.group(1))), true);
      }
      owned.add(
          new CloudResource(
              CloudResource.Kind.INSTANCE,
              c.path("Id").asText(),
              name.replaceFirst("--hb\\d+$", ""),
              tags));
    }
    for (JsonNode i :
        call("GET", "/images/json?filters=" + filter, (byte[]) null, deadline, "listing images")) {
      Map<String, String> tags = labels(i.path("Labels"));
      boolean first = true;
      for (JsonNode tag : i.path("RepoTags")) {
        Matcher hb = HEARTBEAT_TAG.matcher(tag.asText());
        if (hb.find()) {
          newer(tags, Instant.ofEpochSecond(Long.parseLong(hb.group(1))), first);
          first = false;
        }
      }
      String name = i.path("RepoTags").path(0).asText("");
      owned.add(new CloudResource(CloudResource.Kind.IMAGE, i.path("Id").asText(), name, tags));
    }
    return owned;
  }

  @Override
  public RemoteShell shell(CloudResource instance) {
    return new DockerExec(http, instance.id());
  }

  /** The newest heartbeat written after creation wins over the creation-time label. */
  private static void newer(Map<String, String> tags, Instant heartbeat, boolean first) {
    String current = tags.get(BuildIdentity.TAG_HEARTBEAT);
    if (first || current == null || Instant.parse(current).isBefore(heartbeat)) {
      tags.put(BuildIdentity.TAG_HEARTBEAT, heartbeat.toString());
    }
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private JsonNode call(String method, String path, Object body, Deadline deadline, String what)
      throws CloudException {
    try {
      Duration timeout =
          deadline.remaining().isZero() ? Duration.ofSeconds(1) : deadline.remaining();
      UnixHttpClient.Response response =
          body instanceof Path file
              ? http.upload(method, API + path, file, timeout)
              : http.send(method, API + path, (byte[]) body, timeout);
      check(response, what);
      String text = response.text().strip();
      if (text.isEmpty()) {
        return JSON.createObjectNode();
      }
      try {
        return JSON.readTree(text);
      } catch (IOException streamOfDocuments) {
        // progress streams are one JSON document per line
        ArrayNode all = JSON.createArrayNode();
        for (String line : text.split("\r?\n")) {
          if (!line.isBlank()) {
            all.add(JSON.readTree(line));
          }
        }
        return all;
      }
    } catch (IOException e) {
      throw new CloudException(what + ": " + e.getMessage(), 0, e);
    }
  }

  private static void check(UnixHttpClient.Response response, String what) throws CloudException {
    if (response.status() / 100 != 2) {
      String message = response.text();
      try {
        message = JSON.readTree(message).path("message").asText(message);
      } catch (IOException notJson) {
        // keep the raw text
      }
      throw new CloudException(
          what + ": HTTP " + response.status() + ": " + message.strip(), response.status(), null);
    }
  }

  private static String lastId(JsonNode answer) throws CloudException {
    String id = null;
    for (JsonNode node : answer.isArray() ? answer : JSON.createArrayNode().add(answer)) {
      if (node.has("error")) {
        throw new CloudException("import failed: " + node.path("error").asText());
      }
      String candidate = node.path("id").asText(node.path("status").asText(""));
      if (candidate.startsWith("sha256:")) {
        id = candidate;
      }
    }
    return id;
  }

  private static byte[] json(JsonNode node) throws CloudException {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new CloudException("encoding a request: " + e.getMessage(), 0, e);
    }
  }

  private static String shortId(String id) {
    String hex = id.replaceFirst("^sha256:", "");
    return hex.substring(0, Math.min(12, hex.length()));
  }

  static String slug(String name) {
    String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    return slug.replaceAll("^[-._]+", "").isEmpty() ? "image" : slug.replaceAll("^[-._]+", "");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void pause(long millis) throws CloudException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException("interrupted");
    }
  }
}
