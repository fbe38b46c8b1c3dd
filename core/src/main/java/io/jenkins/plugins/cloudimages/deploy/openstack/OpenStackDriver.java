package io.jenkins.plugins.cloudimages.deploy.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.InstanceAddress;
import io.jenkins.plugins.cloudimages.deploy.http.CloudHttp;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * OpenStack, on its REST APIs (no SDK): Keystone v3 or v2.0 for the token and the service catalog,
 * Glance v2 (v1 on older clouds) for the image, Nova for the server, Neutron for the network and a
 * floating IP. Servers carry the build's tags as metadata, images as properties, floating IPs in
 * their description; those are what {@link #listOwned()} finds.
 */
public final class OpenStackDriver implements CloudDriver {
  private final OpenStackSettings settings;
  private final Clock clock;
  private final Consumer<String> log;
  private final Keystone keystone;
  private final GlanceImages images;
  private final NovaServers servers;
  private final NeutronNetworks networks;
  private final Map<String, String> floatingAddresses = new ConcurrentHashMap<>();

  /**
   * @throws IllegalArgumentException when a setting is wrong (named in the message)
   */
  public OpenStackDriver(CloudSettings cloud, Consumer<String> log) {
    this(cloud, Clock.systemUTC(), log);
  }

  public OpenStackDriver(CloudSettings cloud, Clock clock, Consumer<String> log) {
    this.settings = OpenStackSettings.from(cloud);
    this.clock = clock;
    this.log = log;
    String source =
        cloud.credentialsEnv() != null
            ? "environment variable " + cloud.credentialsEnv()
            : cloud.credentialsFile() != null
                ? cloud.credentialsFile().toString()
                : "cloud " + cloud.name();
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.keystone =
        new Keystone(
            client, settings, () -> OpenStackCredentials.parse(cloud.credentials(), source), clock);
    OpenStackHttp http = new OpenStackHttp(client, keystone, settings);
    this.images = new GlanceImages(http, settings, clock);
    this.servers = new NovaServers(http, settings);
    this.networks = new NeutronNetworks(http, settings);
  }

  @Override
  public String type() {
    return "openstack";
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    CloudResource uploaded = images.upload(image, build, deadline);
    log.accept("image " + uploaded.id() + " is active in Glance");
    return uploaded;
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    String network = spec.network() != null ? spec.network() : settings.network();
    boolean floatingIp = spec.floatingIp() || settings.alwaysFloatingIp();
    String networkId = null;
    String externalId = null;
    if (network != null || floatingIp) {
      requireNetworkService();
      if (floatingIp) {
        NeutronNetworks.describe(spec.tags()); // tags too long for it fail before anything exists
      }
      networkId = network == null ? null : networks.networkId(network);
      externalId = floatingIp ? networks.externalNetworkId() : null;
    }
    CloudResource server = servers.create(image.id(), spec, networkId, deadline);
    log.accept("server " + server.id() + " is booting");
    if (!floatingIp) {
      return List.of(server);
    }
    List<CloudResource> created = new ArrayList<>(List.of(server));
    try {
      servers.awaitActive(server.id(), deadline);
      String port = networks.portOf(server.id(), networkId, deadline);
      NeutronNetworks.FloatingIp fip = networks.createFloatingIp(externalId, port, spec.tags());
      created.add(fip.resource());
      floatingAddresses.put(server.id(), fip.address());
      log.accept("floating IP " + fip.address() + " attached to server " + server.id());
      return created;
    } catch (CloudException | RuntimeException e) {
      // not handed back yet, so nobody else would destroy them
      Deadline cleanup = Deadline.in("cleanup", settings.requestTimeout(), clock);
      List<CloudHttp.CleanupStep> deletions = new ArrayList<>();
      for (int i = created.size() - 1; i >= 0; i--) {
        CloudResource resource = created.get(i);
        deletions.add(() -> delete(resource, cleanup));
      }
      OpenStackHttp.cleanUp(e, deletions);
      throw e;
    }
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    JsonNode server = servers.awaitActive(instance.id(), deadline);
    String floating = floatingAddresses.get(instance.id());
    String address = floating != null ? floating : address(server.path("addresses"));
    if (address == null) {
      throw new CloudException("server " + instance.id() + " is ACTIVE but has no IP address");
    }
    return new InstanceAddress(address, settings.sshPort());
  }

  /** A floating address if any, else a fixed one: on the configured network first, IPv4 first. */
  private String address(JsonNode addresses) {
    List<JsonNode> all = new ArrayList<>();
    if (settings.network() != null) {
      addresses.path(settings.network()).forEach(all::add);
    }
    addresses.forEach(list -> list.forEach(all::add));
    String best = null;
    int bestRank = Integer.MAX_VALUE;
    for (JsonNode a : all) {
      int rank =
          ("floating".equals(a.path("OS-EXT-IPS:type").asText()) ? 0 : 2)
              + (a.path("version").asInt(4) == 4 ? 0 : 1);
      if (rank < bestRank && a.hasNonNull("addr")) {
        best = a.get("addr").asText();
        bestRank = rank;
      }
    }
    return best;
  }

  @Override
  public String consoleOutput(CloudResource instance) throws CloudException {
    return servers.console(instance.id());
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    switch (resource.kind()) {
      case IMAGE -> images.delete(resource.id(), deadline);
      case INSTANCE -> {
        servers.delete(resource.id(), deadline);
        floatingAddresses.remove(resource.id());
      }
      case FLOATING_IP -> networks.deleteFloatingIp(resource.id(), deadline);
      default -> throw new CloudException("the openstack driver creates no " + resource.kind());
    }
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    switch (resource.kind()) {
      case IMAGE -> images.heartbeat(resource.id(), now);
      case INSTANCE -> servers.heartbeat(resource.id(), now);
      case FLOATING_IP -> networks.heartbeat(resource, now);
      default -> throw new CloudException("the openstack driver creates no " + resource.kind());
    }
  }

  @Override
  public List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> owned = new ArrayList<>(servers.listOwned());
    if (keystone.hasService("network")) {
      owned.addAll(networks.listOwned());
    }
    owned.addAll(images.listOwned());
    return owned;
  }

  private void requireNetworkService() throws CloudException {
    if (!keystone.hasService("network")) {
      throw new CloudException(
          "cloud "
              + settings.cloud()
              + " has no network service (Neutron) in its catalog; networks by name and"
              + " floating IPs need it");
    }
  }
}
