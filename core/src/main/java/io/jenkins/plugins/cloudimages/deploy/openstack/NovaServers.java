package io.jenkins.plugins.cloudimages.deploy.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Servers in Nova (compute API v2.1, also v2): boot with the flavor found by name, the user data
 * base64-encoded, a config drive and the build's tags as metadata; wait for {@code ACTIVE} (a
 * server in {@code ERROR} fails with its {@code fault.message}); console through {@code
 * os-getConsoleOutput}; delete and wait until the server is gone.
 */
final class NovaServers {
  private final OpenStackHttp http;
  private final OpenStackSettings settings;
  private final Map<String, String> flavorIds = new ConcurrentHashMap<>();

  NovaServers(OpenStackHttp http, OpenStackSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  CloudResource create(String imageId, BootSpec spec, String networkId, Deadline deadline)
      throws CloudException {
    String flavor = spec.flavor() != null ? spec.flavor() : settings.flavor();
    if (flavor == null) {
      throw new CloudException("cloud " + settings.cloud() + " has no flavor configured");
    }
    ObjectNode body = OpenStackHttp.JSON.createObjectNode();
    ObjectNode server = body.putObject("server");
    server.put("name", spec.name());
    server.put("imageRef", imageId);
    server.put("flavorRef", flavorId(flavor));
    server.put(
        "user_data",
        Base64.getEncoder().encodeToString(spec.userData().getBytes(StandardCharsets.UTF_8)));
    server.put("config_drive", settings.configDrive());
    ObjectNode metadata = server.putObject("metadata");
    spec.tags().forEach(metadata::put);
    if (networkId != null) {
      server.putArray("networks").addObject().put("uuid", networkId);
    }
    deadline.check();
    JsonNode created =
        http.json("POST", root() + "/servers", body, "booting server " + spec.name());
    String id = created.path("server").path("id").asText();
    return new CloudResource(CloudResource.Kind.INSTANCE, id, spec.name(), spec.tags());
  }

  /** Polls until the server is ACTIVE and returns it; ERROR fails with the server's fault. */
  JsonNode awaitActive(String id, Deadline deadline) throws CloudException {
    while (true) {
      JsonNode server = server(id);
      String status = server.path("status").asText();
      switch (status) {
        case "ACTIVE" -> {
          return server;
        }
        case "ERROR" -> {
          JsonNode fault = server.path("fault");
          throw new CloudException(
              "server "
                  + id
                  + " went to ERROR"
                  + (fault.hasNonNull("message") ? ": " + fault.get("message").asText() : "")
                  + (fault.hasNonNull("code") ? " (code " + fault.get("code").asInt() + ")" : ""));
        }
        case "BUILD", "REBUILD", "HARD_REBOOT", "REBOOT" -> {
          if (deadline.passed()) {
            throw new CloudException(
                deadline.phase() + " timed out: server " + id + " is still " + status);
          }
          http.pause(deadline);
        }
        default -> throw new CloudException("server " + id + " is " + status + ", not booting");
      }
    }
  }

  JsonNode server(String id) throws CloudException {
    return http.json("GET", root() + "/servers/" + id, null, "reading server " + id).path("server");
  }

  String console(String id) throws CloudException {
    ObjectNode body = OpenStackHttp.JSON.createObjectNode();
    body.putObject("os-getConsoleOutput");
    return http.json(
            "POST", root() + "/servers/" + id + "/action", body, "reading the console of " + id)
        .path("output")
        .asText("");
  }

  /** Deletes the server and waits until Nova no longer shows it, so its image can go next. */
  void delete(String id, Deadline deadline) throws CloudException {
    String url = root() + "/servers/" + id;
    http.delete(url, deadline, "deleting server " + id);
    while (true) {
      OpenStackHttp.Response response =
          http.exchange("GET", url, Map.of(), null, http.timeout(deadline), "reading server " + id);
      if (response.status() == 404
          || response.ok()
              && response.body().path("server").path("status").asText().equals("DELETED")) {
        return;
      }
      if (deadline.passed()) {
        throw new CloudException(
            "server "
                + id
                + " is still "
                + response.body().path("server").path("status").asText("there")
                + " after its deletion");
      }
      http.pause(deadline);
    }
  }

  void heartbeat(String id, Instant now) throws CloudException {
    ObjectNode body = OpenStackHttp.JSON.createObjectNode();
    body.putObject("metadata").put(BuildIdentity.TAG_HEARTBEAT, now.toString());
    http.json(
        "POST",
        root() + "/servers/" + id + "/metadata",
        body,
        "refreshing the heartbeat of server " + id);
  }

  List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> owned = new ArrayList<>();
    for (JsonNode server : http.collect(root() + "/servers/detail", "servers")) {
      Map<String, String> tags = GlanceImages.tags(server.path("metadata"));
      if (tags.containsKey(BuildIdentity.TAG_OWNER)) {
        owned.add(
            new CloudResource(
                CloudResource.Kind.INSTANCE,
                server.path("id").asText(),
                server.path("name").asText(null),
                tags));
      }
    }
    return owned;
  }

  private String flavorId(String nameOrId) throws CloudException {
    String cached = flavorIds.get(nameOrId);
    if (cached != null) {
      return cached;
    }
    TreeSet<String> names = new TreeSet<>();
    for (JsonNode flavor : http.collect(root() + "/flavors/detail", "flavors")) {
      String id = flavor.path("id").asText();
      String name = flavor.path("name").asText();
      names.add(name);
      if (nameOrId.equals(name) || nameOrId.equals(id)) {
        flavorIds.put(nameOrId, id);
        return id;
      }
    }
    throw new CloudException(
        "cloud " + settings.cloud() + " has no flavor " + nameOrId + " (flavors: " + names + ")");
  }

  /** The compute endpoint; catalogs normally include the version, bare ones get v2.1. */
  private String root() throws CloudException {
    String url = http.keystone().endpoint("compute");
    return url.matches(".*/v2(\\.1)?(/.*)?$") ? url : url + "/v2.1";
  }
}
