package io.jenkins.plugins.cloudimages.deploy.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Networks and floating IPs in Neutron (networking API v2.0): networks found by name, the external
 * network of the floating IP pool, the server's port, and floating IPs created on that port. A
 * floating IP has no metadata, so the build's tags live in its {@code description} as {@code
 * cloudimg owner=… build=… deployment=… heartbeat=…} (values URL-encoded; at most 255 characters).
 */
final class NeutronNetworks {
  static final String DESCRIPTION_PREFIX = "cloudimg";
  private static final int DESCRIPTION_LIMIT = 255;

  /** A floating IP and its address. */
  record FloatingIp(CloudResource resource, String address) {}

  private final OpenStackHttp http;
  private final OpenStackSettings settings;
  private final Map<String, String> networkIds = new ConcurrentHashMap<>();

  NeutronNetworks(OpenStackHttp http, OpenStackSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  /** The id of the network named (or with id) {@code nameOrId}. */
  String networkId(String nameOrId) throws CloudException {
    String cached = networkIds.get(nameOrId);
    if (cached != null) {
      return cached;
    }
    JsonNode byName = networks("?name=" + encode(nameOrId));
    if (byName.size() > 1) {
      throw new CloudException(
          "cloud "
              + settings.cloud()
              + " has "
              + byName.size()
              + " networks named "
              + nameOrId
              + "; give its id instead");
    }
    JsonNode match =
        byName.size() == 1 ? byName.get(0) : networks("?id=" + encode(nameOrId)).path(0);
    if (match.isMissingNode()) {
      throw new CloudException("cloud " + settings.cloud() + " has no network " + nameOrId);
    }
    String id = match.path("id").asText();
    networkIds.put(nameOrId, id);
    return id;
  }

  /** The external network floating IPs come from: the configured pool, else the only one. */
  String externalNetworkId() throws CloudException {
    if (settings.floatingIpPool() != null) {
      return networkId(settings.floatingIpPool());
    }
    JsonNode external = networks("?router:external=true");
    if (external.size() != 1) {
      throw new CloudException(
          "cloud "
              + settings.cloud()
              + " has "
              + external.size()
              + " external networks; set the floatingIpPool option to one of them");
    }
    return external.get(0).path("id").asText();
  }

  /** The server's port (on {@code networkId} when given), waiting while Nova plugs it. */
  String portOf(String serverId, String networkId, Deadline deadline) throws CloudException {
    String query =
        "?device_id="
            + encode(serverId)
            + (networkId == null ? "" : "&network_id=" + encode(networkId));
    while (true) {
      JsonNode ports =
          http.json("GET", root() + "/ports" + query, null, "listing the ports of " + serverId)
              .path("ports");
      if (ports.size() > 0) {
        return ports.get(0).path("id").asText();
      }
      if (deadline.passed()) {
        throw new CloudException(
            deadline.phase() + " timed out: server " + serverId + " has no port");
      }
      http.pause(deadline);
    }
  }

  FloatingIp createFloatingIp(String externalNetworkId, String portId, Map<String, String> tags)
      throws CloudException {
    ObjectNode body = OpenStackHttp.JSON.createObjectNode();
    body.putObject("floatingip")
        .put("floating_network_id", externalNetworkId)
        .put("port_id", portId)
        .put("description", describe(tags));
    JsonNode fip =
        http.json(
                "POST", root() + "/floatingips", body, "creating a floating IP for port " + portId)
            .path("floatingip");
    String id = fip.path("id").asText();
    String address = fip.path("floating_ip_address").asText();
    return new FloatingIp(
        new CloudResource(CloudResource.Kind.FLOATING_IP, id, address, tags), address);
  }

  void deleteFloatingIp(String id, Deadline deadline) throws CloudException {
    http.delete(root() + "/floatingips/" + id, deadline, "deleting floating IP " + id);
  }

  void heartbeat(CloudResource fip, java.time.Instant now) throws CloudException {
    Map<String, String> tags = new LinkedHashMap<>(fip.tags());
    tags.put(BuildIdentity.TAG_HEARTBEAT, now.toString());
    ObjectNode body = OpenStackHttp.JSON.createObjectNode();
    body.putObject("floatingip").put("description", describe(tags));
    http.json(
        "PUT",
        root() + "/floatingips/" + fip.id(),
        body,
        "refreshing the heartbeat of floating IP " + fip.id());
  }

  List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> owned = new ArrayList<>();
    for (JsonNode fip : http.collect(root() + "/floatingips", "floatingips")) {
      Map<String, String> tags = parse(fip.path("description").asText(""));
      if (tags.containsKey(BuildIdentity.TAG_OWNER)) {
        owned.add(
            new CloudResource(
                CloudResource.Kind.FLOATING_IP,
                fip.path("id").asText(),
                fip.path("floating_ip_address").asText(null),
                tags));
      }
    }
    return owned;
  }

  /** The tags as a floating IP description. */
  static String describe(Map<String, String> tags) throws CloudException {
    StringBuilder text = new StringBuilder(DESCRIPTION_PREFIX);
    tags.forEach(
        (k, v) ->
            text.append(' ')
                .append(k.replaceFirst("^cloudimg-", ""))
                .append('=')
                .append(encode(v)));
    if (text.length() > DESCRIPTION_LIMIT) {
      throw new CloudException(
          "the build's tags do not fit a floating IP description ("
              + text.length()
              + " > "
              + DESCRIPTION_LIMIT
              + " characters): "
              + text);
    }
    return text.toString();
  }

  /** The tags of a description written by {@link #describe}; empty for any other. */
  static Map<String, String> parse(String description) {
    Map<String, String> tags = new LinkedHashMap<>();
    String[] words = description.strip().split(" ");
    if (words.length == 0 || !words[0].equals(DESCRIPTION_PREFIX)) {
      return tags;
    }
    for (int i = 1; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      if (eq > 0) {
        tags.put(
            "cloudimg-" + words[i].substring(0, eq),
            URLDecoder.decode(words[i].substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return tags;
  }

  private JsonNode networks(String query) throws CloudException {
    return http.json("GET", root() + "/networks" + query, null, "listing networks")
        .path("networks");
  }

  private String root() throws CloudException {
    return http.keystone().endpoint("network").replaceFirst("/v2\\.0$", "") + "/v2.0";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
