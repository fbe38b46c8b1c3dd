package io.jenkins.plugins.cloudimages.deploy.ovirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.InstanceAddress;
import io.jenkins.plugins.cloudimages.deploy.http.CloudHttp;
import io.jenkins.plugins.cloudimages.deploy.http.TagText;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * oVirt through its REST API v4 ({@code /ovirt-engine/api}, JSON), with an OAuth token from the
 * engine's SSO ({@code /ovirt-engine/sso/oauth/token}, password grant). The image becomes a disk
 * (format cow, provisioned size read from the qcow2 header) filled by an image transfer: the file
 * is PUT to the transfer's imageio URL (the proxy URL when the host's cannot be reached), streamed
 * from disk, then the transfer is finalized and waited for. The VM is created from the Blank
 * template with the disk attached and started with cloud-init (the user data as custom script, the
 * per-build key as authorized key); its address comes from the guest agent's reported devices. The
 * build's tags live as one JSON line in the description of the disk and the VM.
 */
public final class OvirtDriver implements CloudDriver {
  private static final Set<String> TRANSFER_FAILED =
      Set.of(
          "paused_system",
          "paused_user",
          "cancelled",
          "cancelled_system",
          "cancelled_user",
          "finalizing_failure",
          "finished_failure");

  /** How the driver reaches the engine and what it boots with. */
  public record Settings(
      String endpoint,
      String user,
      String password,
      String cluster,
      String storageDomain,
      String network,
      int memoryMb,
      Duration pollInterval) {}

  private final Settings settings;
  private final Clock clock;
  private final CloudHttp http = new CloudHttp("ovirt");
  private String token;

  public OvirtDriver(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String type() {
    return "ovirt";
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    Path file = image.file();
    if (file == null || !Files.isRegularFile(file)) {
      throw new CloudException("ovirt uploads the image file; " + file + " is not a file");
    }
    boolean qcow2 = !"raw".equals(image.format());
    long fileSize;
    long virtualSize;
    try {
      fileSize = Files.size(file);
      virtualSize = qcow2 ? Qcow2.virtualSize(file) : fileSize;
    } catch (IOException e) {
      throw new CloudException("ovirt: cannot read " + file + ": " + e.getMessage(), 0, e);
    }
    Map<String, String> tags = build.tags(clock.instant());
    String name = build.deployment() == null ? image.name() : build.deployment();
    ObjectNode disk = object();
    disk.put("name", name);
    disk.put("description", TagText.encode(tags));
    disk.put("format", qcow2 ? "cow" : "raw");
    disk.put("sparse", true);
    disk.put("provisioned_size", virtualSize);
    disk.put("initial_size", fileSize);
    disk.putObject("storage_domains")
        .putArray("storage_domain")
        .addObject()
        .put("name", settings.storageDomain());
    String id = api("POST", "/disks", disk, deadline, "creating disk " + name).path("id").asText();
    CloudResource resource = new CloudResource(CloudResource.Kind.IMAGE, id, name, tags);
    String transfer = null;
    try {
      awaitDisk(id, deadline);
      ObjectNode body = object();
      body.putObject("disk").put("id", id);
      body.put("direction", "upload");
      body.put("format", qcow2 ? "cow" : "raw");
      transfer =
          api("POST", "/imagetransfers", body, deadline, "starting the upload").path("id").asText();
      JsonNode ready = awaitTransfer(transfer, "transferring", deadline);
      put(file, ready, deadline);
      api("POST", "/imagetransfers/" + transfer + "/finalize", object(), deadline, "finalizing");
      awaitFinished(transfer, id, deadline);
      return resource;
    } catch (CloudException e) {
      if (transfer != null) {
        cancelQuietly(transfer, e);
      }
      deleteAfterFailure(resource, e);
      throw e;
    }
  }

  /**
   * PUTs the file to the transfer's imageio URL, or through the proxy when that fails to connect.
   */
  private void put(Path file, JsonNode transfer, Deadline deadline) throws CloudException {
    List<String> urls = new ArrayList<>();
    for (String field : List.of("transfer_url", "proxy_url")) {
      if (transfer.path(field).isTextual()) {
        urls.add(transfer.get(field).asText());
      }
    }
    if (urls.isEmpty()) {
      throw new CloudException("ovirt: the image transfer has neither transfer_url nor proxy_url");
    }
    CloudException last = null;
    for (String url : urls) {
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file));
        http.sendLong(request, deadline, "uploading " + file.getFileName() + " to " + url);
        return;
      } catch (FileNotFoundException e) {
        throw new CloudException("ovirt: cannot read " + file, 0, e);
      } catch (CloudException e) {
        last = e;
        if (e.status() != 0) {
          throw e;
        }
      }
    }
    throw last;
  }

  private void awaitDisk(String id, Deadline deadline) throws CloudException {
    while (true) {
      JsonNode disk = api("GET", "/disks/" + id, null, deadline, "reading disk " + id);
      String status = disk.path("status").asText();
      if (status.equals("ok")) {
        return;
      }
      if (status.equals("illegal")) {
        throw new CloudException("ovirt: disk " + id + " is illegal");
      }
      CloudHttp.pause(settings.pollInterval(), deadline);
    }
  }

  private JsonNode awaitTransfer(String id, String phase, Deadline deadline) throws CloudException {
    while (true) {
      JsonNode transfer =
          api("GET", "/imagetransfers/" + id, null, deadline, "reading image transfer " + id);
      String now = transfer.path("phase").asText();
      if (now.equals(phase)) {
        return transfer;
      }
      if (TRANSFER_FAILED.contains(now)) {
        throw new CloudException("ovirt: image transfer " + id + " ended in phase " + now);
      }
      CloudHttp.pause(settings.pollInterval(), deadline);
    }
  }

  /** Newer engines drop a finished transfer at once; then the disk's status tells. */
  private void awaitFinished(String transfer, String disk, Deadline deadline)
      throws CloudException {
    try {
      awaitTransfer(transfer, "finished_success", deadline);
    } catch (CloudException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
    awaitDisk(disk, deadline);
  }

  private void cancelQuietly(String transfer, CloudException failure) {
    CloudHttp.cleanUp(
        failure,
        () ->
            api(
                "POST",
                "/imagetransfers/" + transfer + "/cancel",
                object(),
                shortDeadline(),
                "cancelling image transfer " + transfer));
  }

  private void cancelTransfersOf(String disk, Deadline deadline) throws CloudException {
    for (JsonNode transfer :
        api("GET", "/imagetransfers", null, deadline, "listing image transfers")
            .path("image_transfer")) {
      String phase = transfer.path("phase").asText();
      if (disk.equals(transfer.path("disk").path("id").asText())
          && !phase.startsWith("finished")
          && !TRANSFER_FAILED.contains(phase)) {
        String id = transfer.path("id").asText();
        api("POST", "/imagetransfers/" + id + "/cancel", object(), deadline, "cancelling " + id);
      }
    }
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    ObjectNode body = object();
    body.put("name", spec.name());
    body.put("description", TagText.encode(spec.tags()));
    body.putObject("cluster").put("name", settings.cluster());
    body.putObject("template").put("name", "Blank");
    body.put("memory", settings.memoryMb() * 1024L * 1024L);
    body.putObject("os").putObject("boot").putObject("devices").putArray("device").add("hd");
    String id =
        api("POST", "/vms", body, deadline, "creating VM " + spec.name()).path("id").asText();
    CloudResource vm = new CloudResource(CloudResource.Kind.INSTANCE, id, spec.name(), spec.tags());
    try {
      ObjectNode attachment = object();
      attachment.putObject("disk").put("id", image.id());
      attachment.put("interface", "virtio_scsi");
      attachment.put("bootable", true);
      attachment.put("active", true);
      api("POST", "/vms/" + id + "/diskattachments", attachment, deadline, "attaching the disk");
      String network = spec.network() != null ? spec.network() : settings.network();
      if (network != null) {
        ObjectNode nic = object();
        nic.put("name", "nic1");
        nic.put("interface", "virtio");
        nic.putObject("vnic_profile").put("id", vnicProfile(network, deadline));
        api("POST", "/vms/" + id + "/nics", nic, deadline, "adding a NIC on " + network);
      }
      awaitStatus(id, "down", deadline);
      ObjectNode start = object();
      start.put("use_cloud_init", true);
      ObjectNode init = start.putObject("vm").putObject("initialization");
      init.put("host_name", spec.name());
      init.put("user_name", spec.loginUser());
      init.put("authorized_ssh_keys", spec.authorizedKey());
      init.put("custom_script", spec.userData());
      api("POST", "/vms/" + id + "/start", start, deadline, "starting VM " + id);
    } catch (CloudException e) {
      deleteAfterFailure(vm, e);
      throw e;
    }
    return List.of(vm);
  }

  private String vnicProfile(String network, Deadline deadline) throws CloudException {
    for (JsonNode profile :
        api("GET", "/vnicprofiles", null, deadline, "listing vNIC profiles").path("vnic_profile")) {
      if (network.equals(profile.path("name").asText())) {
        return profile.path("id").asText();
      }
    }
    throw new CloudException("ovirt: no vNIC profile named " + network);
  }

  private void awaitStatus(String id, String status, Deadline deadline) throws CloudException {
    while (!api("GET", "/vms/" + id, null, deadline, "reading VM " + id)
        .path("status")
        .asText()
        .equals(status)) {
      CloudHttp.pause(settings.pollInterval(), deadline);
    }
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    String id = instance.id();
    while (true) {
      JsonNode vm = api("GET", "/vms/" + id, null, deadline, "reading VM " + id);
      String status = vm.path("status").asText();
      if (status.equals("up")) {
        String ip = reportedIp(id, deadline);
        if (ip != null) {
          return new InstanceAddress(ip, 22);
        }
      } else if (Set.of("down", "not_responding", "unknown").contains(status)) {
        throw new CloudException(
            "ovirt: VM "
                + id
                + " is "
                + status
                + " instead of coming up"
                + (vm.path("stop_reason").isTextual()
                    ? ": " + vm.get("stop_reason").asText()
                    : ""));
      }
      CloudHttp.pause(settings.pollInterval(), deadline);
    }
  }

  private String reportedIp(String id, Deadline deadline) throws CloudException {
    JsonNode devices =
        api("GET", "/vms/" + id + "/reporteddevices", null, deadline, "reading reported devices");
    for (JsonNode device : devices.path("reported_device")) {
      for (JsonNode ip : device.path("ips").path("ip")) {
        if ("v4".equals(ip.path("version").asText()) && ip.path("address").isTextual()) {
          return ip.get("address").asText();
        }
      }
    }
    return null;
  }

  /** The REST API has no serial console. */
  @Override
  public String consoleOutput(CloudResource instance) {
    return "";
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    if (resource.kind() == CloudResource.Kind.IMAGE) {
      try {
        api("DELETE", "/disks/" + resource.id(), null, deadline, "removing disk " + resource.id());
      } catch (CloudException e) {
        if (e.status() == 409) {
          // locked by an upload that its (perhaps killed) process never ended: cancel it, so
          // that the next attempt can remove the disk
          cancelTransfersOf(resource.id(), deadline);
        }
        throw e;
      }
      return;
    }
    String id = resource.id();
    String status =
        api("GET", "/vms/" + id, null, deadline, "reading VM " + id).path("status").asText();
    if (!status.equals("down")) {
      api("POST", "/vms/" + id + "/stop", object(), deadline, "stopping VM " + id);
      awaitStatus(id, "down", deadline);
    }
    api("DELETE", "/vms/" + id, null, deadline, "removing VM " + id);
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    ObjectNode body = object();
    body.put("description", TagText.encode(TagText.withHeartbeat(resource.tags(), now)));
    String path =
        (resource.kind() == CloudResource.Kind.IMAGE ? "/disks/" : "/vms/") + resource.id();
    api("PUT", path, body, null, "refreshing the heartbeat of " + resource);
  }

  /** Disks before VMs, the order of creation (a deployment's sweep deletes in reverse). */
  @Override
  public List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> owned = new ArrayList<>();
    collect(
        owned,
        CloudResource.Kind.IMAGE,
        api("GET", "/disks", null, null, "listing disks").path("disk"));
    collect(
        owned,
        CloudResource.Kind.INSTANCE,
        api("GET", "/vms", null, null, "listing VMs").path("vm"));
    return owned;
  }

  private static void collect(List<CloudResource> owned, CloudResource.Kind kind, JsonNode list) {
    for (JsonNode item : list) {
      Map<String, String> tags = TagText.decode(item.path("description").asText(null));
      if (!tags.isEmpty()) {
        owned.add(
            new CloudResource(kind, item.path("id").asText(), item.path("name").asText(), tags));
      }
    }
  }

  /** A call to the API with the bearer token; a 401 gets a fresh token and one more try. */
  private JsonNode api(String method, String path, JsonNode body, Deadline deadline, String action)
      throws CloudException {
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(CloudHttp.resolve(settings.endpoint(), "/api" + path))
              .header("Accept", "application/json")
              .header("Authorization", "Bearer " + token(deadline))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(CloudHttp.json(body)));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      try {
        return http.send(request, deadline, action).json();
      } catch (CloudException e) {
        if (e.status() != 401 || attempt > 1) {
          throw e;
        }
        forgetToken();
      }
    }
  }

  private synchronized void forgetToken() {
    token = null;
  }

  private synchronized String token(Deadline deadline) throws CloudException {
    if (token == null) {
      String form =
          "grant_type=password&scope=ovirt-app-api&username="
              + URLEncoder.encode(settings.user(), StandardCharsets.UTF_8)
              + "&password="
              + URLEncoder.encode(settings.password(), StandardCharsets.UTF_8);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(CloudHttp.resolve(settings.endpoint(), "/sso/oauth/token"))
              .header("Accept", "application/json")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form));
      JsonNode answer = http.send(request, deadline, "logging in as " + settings.user()).json();
      if (!answer.path("access_token").isTextual()) {
        throw new CloudException(
            "ovirt: logging in as " + settings.user() + ": no access_token in the answer",
            401,
            null);
      }
      token = answer.get("access_token").asText();
    }
    return token;
  }

  private void deleteAfterFailure(CloudResource resource, CloudException failure) {
    CloudHttp.cleanUp(failure, () -> delete(resource, shortDeadline()));
  }

  private Deadline shortDeadline() {
    return Deadline.in("cleanup", Duration.ofMinutes(1), clock);
  }

  private static ObjectNode object() {
    return CloudHttp.mapper().createObjectNode();
  }

  /** The virtual size in a qcow2 header (big-endian 64-bit at offset 24, after the magic). */
  static final class Qcow2 {
    private Qcow2() {}

    static long virtualSize(Path file) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        byte[] header = in.readNBytes(32);
        ByteBuffer buffer = ByteBuffer.wrap(header);
        if (header.length < 32 || buffer.getInt(0) != 0x514649fb) {
          throw new IOException(file + " is not a qcow2 image (no QFI\\xfb magic)");
        }
        return buffer.getLong(24);
      }
    }
  }
}
