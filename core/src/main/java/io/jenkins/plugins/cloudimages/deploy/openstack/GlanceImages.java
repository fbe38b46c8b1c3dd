package io.jenkins.plugins.cloudimages.deploy.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Images in Glance. v2: {@code POST /v2/images} with the build's tags as properties and the tag
 * {@code cloudimg}, then the file streamed from disk with {@code PUT /v2/images/{id}/file} or the
 * published URL imported with {@code web-download}; v1 (older clouds): {@code POST /v1/images} with
 * {@code x-image-meta-*} headers and the file as body (or {@code x-glance-api-copy-from}). Either
 * way the image counts once it is {@code active}; an image whose upload failed is deleted.
 */
final class GlanceImages {
  static final String TAG = "cloudimg";
  private static final Set<String> DISK_FORMATS =
      Set.of("qcow2", "raw", "vmdk", "vhd", "vhdx", "vdi", "iso", "ploop");
  private static final String V1_PROPERTY = "x-image-meta-property-";

  private final OpenStackHttp http;
  private final OpenStackSettings settings;
  private final Clock clock;
  private volatile String version;

  GlanceImages(OpenStackHttp http, OpenStackSettings settings, Clock clock) {
    this.http = http;
    this.settings = settings;
    this.clock = clock;
    this.version = settings.imageApiVersion();
  }

  CloudResource upload(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    String diskFormat = diskFormat(image);
    boolean fromUrl = settings.webDownload() || image.file() == null;
    if (fromUrl && image.url() == null) {
      throw new CloudException(
          "imageUpload is web-download but image " + image.name() + " has no published URL");
    }
    if (!fromUrl && !Files.isRegularFile(image.file())) {
      throw new CloudException("image file " + image.file() + " does not exist");
    }
    Map<String, String> tags = build.tags(clock.instant());
    return apiVersion().equals("2")
        ? uploadV2(image, diskFormat, fromUrl, tags, deadline)
        : uploadV1(image, diskFormat, fromUrl, tags, deadline);
  }

  private CloudResource uploadV2(
      ImageSource image,
      String diskFormat,
      boolean fromUrl,
      Map<String, String> tags,
      Deadline deadline)
      throws CloudException {
    ObjectNode body = OpenStackHttp.JSON.createObjectNode();
    body.put("name", image.name());
    body.put("disk_format", diskFormat);
    body.put("container_format", settings.containerFormat());
    body.put("visibility", settings.visibility());
    body.putArray("tags").add(TAG);
    tags.forEach(body::put);
    String id =
        http.json("POST", root() + "/v2/images", body, "creating image " + image.name())
            .path("id")
            .asText();
    CloudResource resource = new CloudResource(CloudResource.Kind.IMAGE, id, image.name(), tags);
    try {
      String url = root() + "/v2/images/" + id;
      if (fromUrl) {
        ObjectNode method = OpenStackHttp.JSON.createObjectNode();
        method.putObject("method").put("name", "web-download").put("uri", image.url().toString());
        http.json("POST", url + "/import", method, "importing " + image.url() + " into " + id);
      } else {
        http.send(
            "PUT",
            url + "/file",
            Map.of("Content-Type", "application/octet-stream"),
            ofFile(image.file()),
            deadline.remaining().plusSeconds(1),
            "uploading " + image.file() + " to image " + id);
      }
      awaitActive(resource, deadline);
      return resource;
    } catch (CloudException | RuntimeException e) {
      deleteAfterFailure(resource, e);
      throw e;
    }
  }

  private CloudResource uploadV1(
      ImageSource image,
      String diskFormat,
      boolean fromUrl,
      Map<String, String> tags,
      Deadline deadline)
      throws CloudException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-image-meta-name", image.name());
    headers.put("x-image-meta-disk_format", diskFormat);
    headers.put("x-image-meta-container_format", settings.containerFormat());
    headers.put("x-image-meta-is_public", String.valueOf(settings.visibility().equals("public")));
    tags.forEach((k, v) -> headers.put(V1_PROPERTY + k, v));
    HttpRequest.BodyPublisher body = null;
    if (fromUrl) {
      headers.put("x-glance-api-copy-from", image.url().toString());
    } else {
      headers.put("Content-Type", "application/octet-stream");
      body = ofFile(image.file());
    }
    JsonNode created =
        http.send(
                "POST",
                root() + "/v1/images",
                headers,
                body,
                deadline.remaining().plusSeconds(1),
                "uploading " + (fromUrl ? image.url() : image.file()) + " to Glance v1")
            .body();
    String id = created.path("image").path("id").asText();
    CloudResource resource = new CloudResource(CloudResource.Kind.IMAGE, id, image.name(), tags);
    try {
      awaitActive(resource, deadline);
      return resource;
    } catch (CloudException | RuntimeException e) {
      deleteAfterFailure(resource, e);
      throw e;
    }
  }

  private void awaitActive(CloudResource image, Deadline deadline) throws CloudException {
    while (true) {
      String status = status(image.id());
      switch (status) {
        case "active" -> {
          return;
        }
        case "queued", "saving", "importing", "uploading" -> {
          if (deadline.passed()) {
            throw new CloudException(
                deadline.phase() + " timed out: image " + image.id() + " is still " + status);
          }
          http.pause(deadline);
        }
        default -> throw new CloudException("image " + image.id() + " became " + status);
      }
    }
  }

  private String status(String id) throws CloudException {
    if (apiVersion().equals("1")) {
      OpenStackHttp.Response head =
          http.send(
              "HEAD",
              root() + "/v1/images/" + id,
              Map.of(),
              null,
              http.requestTimeout(),
              "reading image " + id);
      return head.headers().firstValue("x-image-meta-status").orElse("unknown");
    }
    JsonNode image = http.json("GET", root() + "/v2/images/" + id, null, "reading image " + id);
    JsonNode failed = image.path("os_glance_failed_import");
    if (failed.isTextual() && !failed.asText().isBlank()) {
      return "failed to import into " + failed.asText();
    }
    return image.path("status").asText("unknown");
  }

  void delete(String id, Deadline deadline) throws CloudException {
    http.delete(root() + "/v" + apiVersion() + "/images/" + id, deadline, "deleting image " + id);
  }

  void heartbeat(String id, Instant now) throws CloudException {
    String what = "refreshing the heartbeat of image " + id;
    if (apiVersion().equals("1")) {
      http.send(
          "PUT",
          root() + "/v1/images/" + id,
          Map.of(
              V1_PROPERTY + BuildIdentity.TAG_HEARTBEAT,
              now.toString(),
              "x-glance-registry-purge-props",
              "false"),
          null,
          http.requestTimeout(),
          what);
      return;
    }
    ObjectNode add = OpenStackHttp.JSON.createObjectNode();
    add.put("op", "add")
        .put("path", "/" + BuildIdentity.TAG_HEARTBEAT)
        .put("value", now.toString());
    http.send(
        "PATCH",
        root() + "/v2/images/" + id,
        Map.of("Content-Type", "application/openstack-images-v2.1-json-patch"),
        HttpRequest.BodyPublishers.ofString(
            OpenStackHttp.JSON.createArrayNode().add(add).toString()),
        http.requestTimeout(),
        what);
  }

  List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> owned = new ArrayList<>();
    if (apiVersion().equals("1")) {
      String marker = null;
      while (true) {
        String url =
            root() + "/v1/images/detail?limit=100" + (marker == null ? "" : "&marker=" + marker);
        JsonNode images = http.json("GET", url, null, "listing images").path("images");
        for (JsonNode image : images) {
          add(owned, image, image.path("properties"));
          marker = image.path("id").asText();
        }
        if (images.size() < 100) {
          return owned;
        }
      }
    }
    String next = "/v2/images?tag=" + TAG + "&limit=100";
    while (next != null && !next.isEmpty()) {
      JsonNode page = http.json("GET", root() + next, null, "listing images");
      for (JsonNode image : page.path("images")) {
        add(owned, image, image);
      }
      next = page.path("next").asText(null);
    }
    return owned;
  }

  private static void add(List<CloudResource> owned, JsonNode image, JsonNode properties) {
    Map<String, String> tags = tags(properties);
    if (tags.containsKey(BuildIdentity.TAG_OWNER)) {
      owned.add(
          new CloudResource(
              CloudResource.Kind.IMAGE,
              image.path("id").asText(),
              image.path("name").asText(null),
              tags));
    }
  }

  /** The cloudimg tags among a resource's properties or metadata. */
  static Map<String, String> tags(JsonNode properties) {
    Map<String, String> tags = new LinkedHashMap<>();
    properties
        .fields()
        .forEachRemaining(
            f -> {
              if (f.getKey().startsWith("cloudimg-") && f.getValue().isTextual()) {
                tags.put(f.getKey(), f.getValue().asText());
              }
            });
    return tags;
  }

  /**
   * The image API in use: the configured one, or for {@code auto} v2 unless the cloud answers its
   * listing with 300 (Multiple Choices) or 404, as a Glance without v2 does.
   */
  private String apiVersion() throws CloudException {
    if (version.equals("auto")) {
      String what = "probing the image API of cloud " + settings.cloud();
      OpenStackHttp.Response probe =
          http.exchange(
              "GET", root() + "/v2/images?limit=1", Map.of(), null, http.requestTimeout(), what);
      if (probe.ok()) {
        version = "2";
      } else if (probe.status() == 300 || probe.status() == 404) {
        version = "1";
      } else {
        throw OpenStackHttp.failure(what, probe);
      }
    }
    return version;
  }

  private void deleteAfterFailure(CloudResource image, Exception failure) {
    OpenStackHttp.cleanUp(
        failure,
        List.of(() -> delete(image.id(), Deadline.in("cleanup", http.requestTimeout(), clock))));
  }

  private String diskFormat(ImageSource image) throws CloudException {
    if (settings.diskFormat() != null) {
      return settings.diskFormat();
    }
    String name =
        image.file() != null ? image.file().getFileName().toString() : image.url().getPath();
    if (name.matches("(?i).*\\.(xz|gz|bz2|zst)$")) {
      throw new CloudException(
          "OpenStack boots uncompressed images; decompress " + name + " before the deployment");
    }
    String format = image.format() == null ? "" : image.format().toLowerCase(Locale.ROOT);
    if (!DISK_FORMATS.contains(format)) {
      throw new CloudException(
          "OpenStack cannot boot image format '"
              + image.format()
              + "' (Glance disk formats: "
              + String.join(", ", new java.util.TreeSet<>(DISK_FORMATS))
              + "; set the diskFormat option to override)");
    }
    return format;
  }

  private static HttpRequest.BodyPublisher ofFile(Path file) throws CloudException {
    try {
      return HttpRequest.BodyPublishers.ofFile(file);
    } catch (FileNotFoundException e) {
      throw new CloudException("image file " + file + " does not exist", 0, e);
    }
  }

  /** The image service's root URL, without the version the catalog may carry. */
  private String root() throws CloudException {
    return http.keystone().endpoint("image").replaceFirst("/v[0-9.]+$", "");
  }
}
