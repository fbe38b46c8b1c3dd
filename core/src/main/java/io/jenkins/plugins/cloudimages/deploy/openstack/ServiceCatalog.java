package io.jenkins.plugins.cloudimages.deploy.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The service catalog of a Keystone token: where each service (compute, image, network) answers,
 * per interface and region. Keystone v3 lists one endpoint per interface; v2.0 one entry per region
 * with publicURL, internalURL and adminURL.
 */
record ServiceCatalog(List<Endpoint> endpoints) {

  record Endpoint(String type, String endpointInterface, String region, String url) {}

  static ServiceCatalog fromV3(JsonNode catalog) {
    List<Endpoint> all = new ArrayList<>();
    for (JsonNode service : catalog) {
      for (JsonNode e : service.path("endpoints")) {
        String region = e.hasNonNull("region_id") ? e.get("region_id").asText() : text(e, "region");
        all.add(
            new Endpoint(
                service.path("type").asText(),
                e.path("interface").asText(),
                region,
                text(e, "url")));
      }
    }
    return new ServiceCatalog(List.copyOf(all));
  }

  static ServiceCatalog fromV2(JsonNode catalog) {
    List<Endpoint> all = new ArrayList<>();
    for (JsonNode service : catalog) {
      for (JsonNode e : service.path("endpoints")) {
        for (String endpointInterface : List.of("public", "internal", "admin")) {
          String url = text(e, endpointInterface + "URL");
          if (url != null) {
            all.add(
                new Endpoint(
                    service.path("type").asText(), endpointInterface, text(e, "region"), url));
          }
        }
      }
    }
    return new ServiceCatalog(List.copyOf(all));
  }

  boolean has(String type) {
    return endpoints.stream().anyMatch(e -> e.type().equals(type));
  }

  /** The URL of service {@code type} on {@code endpointInterface}, in {@code region} if given. */
  String url(String type, String endpointInterface, String region) throws CloudException {
    for (Endpoint e : endpoints) {
      if (e.type().equals(type)
          && e.endpointInterface().equals(endpointInterface)
          && (region == null || region.equals(e.region()))
          && e.url() != null) {
        return e.url().replaceAll("/+$", "");
      }
    }
    TreeSet<String> offered = new TreeSet<>();
    endpoints.stream()
        .filter(e -> e.type().equals(type))
        .forEach(e -> offered.add(e.endpointInterface() + " in " + e.region()));
    throw new CloudException(
        "the service catalog has no "
            + type
            + " endpoint ("
            + endpointInterface
            + (region == null ? "" : " in region " + region)
            + ")"
            + (offered.isEmpty() ? "" : "; it offers " + String.join(", ", offered)));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
