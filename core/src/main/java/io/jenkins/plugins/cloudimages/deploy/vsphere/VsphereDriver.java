package io.jenkins.plugins.cloudimages.deploy.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * VMware vSphere through the Automation REST API ({@code /api}, vSphere 7.0 U2 and later): a
 * session from {@code POST /api/session} with basic authentication, then the {@code
 * vmware-api-session-id} header. The image — a streamOptimized vmdk — becomes an OVF item of a
 * content library: an update session takes a generated OVF descriptor and the vmdk (streamed from
 * disk to the upload endpoint), then completes. The VM is deployed from that item into a resource
 * pool, with cloud-init's guestinfo user data and metadata (base64) as OVF extra configuration, and
 * powered on; its address comes from the guest identity VMware Tools report. The build's tags live
 * as one JSON line in the description of a tag (category {@value #CATEGORY}) attached to each
 * library item and VM, one tag per resource, deleted with it.
 */
public final class VsphereDriver implements CloudDriver {
  static final String CATEGORY = "cloudimg";
  static final String VM_TYPE = "VirtualMachine";
  static final String ITEM_TYPE = "com.vmware.content.library.Item";

  /** How the driver reaches vCenter and where it deploys. */
  public record Settings(
      String endpoint,
      String user,
      String password,
      String library,
      String resourcePool,
      String folder,
      String network,
      int cpus,
      int memoryMb,
      Duration pollInterval) {}

  private final Settings settings;
  private final Clock clock;
  private final CloudHttp http = new CloudHttp("vsphere");
  private String session;
  private String category;

  public VsphereDriver(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String type() {
    return "vsphere";
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    Path file = image.file();
    if (file == null || !Files.isRegularFile(file) || !"vmdk".equals(image.format())) {
      throw new CloudException(
          "vsphere uploads a streamOptimized vmdk file; " + image.name() + " is not one");
    }
    long capacity;
    long size;
    try {
      capacity = OvfDescriptor.vmdkCapacity(file);
      size = Files.size(file);
    } catch (IOException e) {
      throw new CloudException("vsphere: " + e.getMessage(), 0, e);
    }
    Map<String, String> tags = build.tags(clock.instant());
    String name = build.deployment() == null ? image.name() : build.deployment();
    ObjectNode item = object();
    item.put("library_id", settings.library());
    item.put("name", name);
    item.put("type", "ovf");
    String id;
    try {
      id = api("POST", "/content/library/item", item, deadline, "creating library item").asText();
    } catch (CloudException e) {
      // an item created before the answer was lost has no tag yet: find it by its unique name
      CloudHttp.cleanUp(e, () -> deleteItemsNamed(name, tags));
      throw e;
    }
    CloudResource resource = new CloudResource(CloudResource.Kind.IMAGE, id, name, tags);
    try {
      tag(resource, ITEM_TYPE, deadline);
      ObjectNode spec = object();
      spec.put("library_item_id", id);
      String upload =
          api(
                  "POST",
                  "/content/library/item/update-session",
                  spec,
                  deadline,
                  "opening an update session")
              .asText();
      try {
        byte[] ovf =
            OvfDescriptor.descriptor(name, capacity, size, settings.cpus(), settings.memoryMb())
                .getBytes(StandardCharsets.UTF_8);
        push(
            upload,
            OvfDescriptor.DESCRIPTOR_FILE,
            ovf.length,
            HttpRequest.BodyPublishers.ofByteArray(ovf),
            deadline);
        push(
            upload,
            OvfDescriptor.DISK_FILE,
            size,
            HttpRequest.BodyPublishers.ofFile(file),
            deadline);
        api(
            "POST",
            "/content/library/item/update-session/" + upload + "?action=complete",
            null,
            deadline,
            "completing the upload");
        awaitSession(upload, deadline);
      } catch (CloudException e) {
        cancelQuietly(upload, e);
        throw e;
      }
      return resource;
    } catch (FileNotFoundException e) {
      CloudException failure = new CloudException("vsphere: cannot read " + file, 0, e);
      deleteAfterFailure(resource, failure);
      throw failure;
    } catch (CloudException e) {
      deleteAfterFailure(resource, e);
      throw e;
    }
  }

  /** Adds one file to the update session and PUTs its content to the upload endpoint. */
  private void push(
      String upload, String name, long size, HttpRequest.BodyPublisher body, Deadline deadline)
      throws CloudException {
    ObjectNode spec = object();
    spec.put("name", name);
    spec.put("source_type", "PUSH");
    spec.put("size", size);
    JsonNode file =
        api(
            "POST",
            "/content/library/item/updatesession/" + upload + "/file",
            spec,
            deadline,
            "adding " + name);
    String uri = file.path("upload_endpoint").path("uri").asText(null);
    if (uri == null) {
      throw new CloudException("vsphere: no upload endpoint for " + name);
    }
    http.sendLong(
        HttpRequest.newBuilder(URI.create(uri))
            .header("vmware-api-session-id", session(deadline))
            .header("Content-Type", "application/octet-stream")
            .PUT(body),
        deadline,
        "uploading " + name);
  }

  private void awaitSession(String upload, Deadline deadline) throws CloudException {
    while (true) {
      JsonNode state =
          api(
              "GET",
              "/content/library/item/update-session/" + upload,
              null,
              deadline,
              "reading update session " + upload);
      switch (state.path("state").asText()) {
        case "DONE" -> {
          return;
        }
        case "ERROR", "CANCELED" ->
            throw new CloudException(
                "vsphere: upload session "
                    + upload
                    + " ended "
                    + state.path("state").asText()
                    + ": "
                    + state.path("error_message").path("default_message").asText("no message"));
        default -> CloudHttp.pause(settings.pollInterval(), deadline);
      }
    }
  }

  private void cancelQuietly(String upload, CloudException failure) {
    CloudHttp.cleanUp(
        failure,
        () ->
            api(
                "POST",
                "/content/library/item/update-session/" + upload + "?action=cancel",
                null,
                shortDeadline(),
                "cancelling the upload"));
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    ObjectNode body = object();
    ObjectNode target = body.putObject("target");
    target.put("resource_pool_id", settings.resourcePool());
    if (settings.folder() != null) {
      target.put("folder_id", settings.folder());
    }
    ObjectNode deployment = body.putObject("deployment_spec");
    deployment.put("name", spec.name());
    deployment.put("annotation", "cloudimg " + spec.name());
    deployment.put("accept_all_eula", true);
    String network = spec.network() != null ? spec.network() : settings.network();
    if (network != null) {
      deployment
          .putObject("network_mappings")
          .put(OvfDescriptor.NETWORK, networkId(network, deadline));
    }
    ObjectNode extra = deployment.putArray("additional_parameters").addObject();
    extra.put("type", "ExtraConfigParams");
    ArrayNode configs = extra.putArray("extra_configs");
    String metadata = "instance-id: " + spec.name() + "\nlocal-hostname: " + spec.name() + "\n";
    guestinfo(configs, "guestinfo.userdata", spec.userData());
    guestinfo(configs, "guestinfo.metadata", metadata);
    JsonNode result;
    try {
      result =
          call(
              "POST",
              "/vcenter/ovf/library-item/" + image.id() + "?action=deploy",
              body,
              deadline,
              "deploying " + spec.name(),
              true);
    } catch (CloudException e) {
      // the deployment may have created the VM before the answer was lost: it has no tag yet
      CloudHttp.cleanUp(e, () -> deleteNamed(spec.name(), spec.tags()));
      throw e;
    }
    String id = result.path("resource_id").path("id").asText(null);
    if (!result.path("succeeded").asBoolean() || id == null) {
      List<String> errors = new ArrayList<>();
      result
          .path("error")
          .path("errors")
          .forEach(e -> errors.add(e.path("message").path("default_message").asText()));
      throw new CloudException("vsphere: deploying " + spec.name() + " failed: " + errors);
    }
    CloudResource vm = new CloudResource(CloudResource.Kind.INSTANCE, id, spec.name(), spec.tags());
    try {
      tag(vm, VM_TYPE, deadline);
      api("POST", "/vcenter/vm/" + id + "/power?action=start", null, deadline, "powering on " + id);
    } catch (CloudException e) {
      deleteAfterFailure(vm, e);
      throw e;
    }
    return List.of(vm);
  }

  private static void guestinfo(ArrayNode configs, String key, String value) {
    configs
        .addObject()
        .put("key", key)
        .put("value", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    configs.addObject().put("key", key + ".encoding").put("value", "base64");
  }

  private String networkId(String name, Deadline deadline) throws CloudException {
    JsonNode networks =
        api(
            "GET",
            "/vcenter/network?names=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
            null,
            deadline,
            "finding network " + name);
    if (networks.size() == 0) {
      throw new CloudException("vsphere: no network named " + name);
    }
    return networks.get(0).path("network").asText();
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    String id = instance.id();
    while (true) {
      String power = powerState(id, deadline);
      if (!power.equals("POWERED_ON")) {
        throw new CloudException("vsphere: VM " + id + " is " + power + " instead of running");
      }
      try {
        JsonNode identity =
            api(
                "GET",
                "/vcenter/vm/" + id + "/guest/identity",
                null,
                deadline,
                "reading the guest identity of " + id);
        if (identity.path("ip_address").isTextual()) {
          return new InstanceAddress(identity.get("ip_address").asText(), 22);
        }
      } catch (CloudException e) {
        // 503 while VMware Tools do not run yet in the guest
        if (e.status() != 503) {
          throw e;
        }
      }
      CloudHttp.pause(settings.pollInterval(), deadline);
    }
  }

  private String powerState(String id, Deadline deadline) throws CloudException {
    return api(
            "GET",
            "/vcenter/vm/" + id + "/power",
            null,
            deadline,
            "reading the power state of " + id)
        .path("state")
        .asText();
  }

  /** The REST API has no serial console. */
  @Override
  public String consoleOutput(CloudResource instance) {
    return "";
  }

  /**
   * Deletes the VM (powered off first) or library item, then its tag; the tag of a resource that is
   * already gone is found by name and deleted too, before the 404 is reported.
   */
  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    String id = resource.id();
    boolean vm = resource.kind() == CloudResource.Kind.INSTANCE;
    List<String> tags = ourTags(id, vm ? VM_TYPE : ITEM_TYPE, deadline);
    if (tags.isEmpty()) {
      tags = tagsNamed(tagName(id), deadline);
    }
    CloudException gone = null;
    try {
      if (vm) {
        if (powerState(id, deadline).equals("POWERED_ON")) {
          api(
              "POST",
              "/vcenter/vm/" + id + "/power?action=stop",
              null,
              deadline,
              "powering off " + id);
        }
        api("DELETE", "/vcenter/vm/" + id, null, deadline, "deleting VM " + id);
      } else {
        api("DELETE", "/content/library/item/" + id, null, deadline, "deleting library item " + id);
      }
    } catch (CloudException e) {
      if (!e.isNotFound()) {
        throw e;
      }
      gone = e;
    }
    for (String tag : tags) {
      try {
        api("DELETE", "/cis/tagging/tag/" + tag, null, deadline, "deleting tag " + tag);
      } catch (CloudException e) {
        if (!e.isNotFound()) {
          throw e;
        }
      }
    }
    if (gone != null) {
      throw gone;
    }
  }

  private List<String> tagsNamed(String name, Deadline deadline) throws CloudException {
    ObjectNode query = object();
    query.put("category_id", category(deadline));
    List<String> found = new ArrayList<>();
    for (JsonNode tag :
        api(
            "POST",
            "/cis/tagging/tag?action=list-tags-for-category",
            query,
            deadline,
            "listing cloudimg tags")) {
      if (name.equals(
          api("GET", "/cis/tagging/tag/" + tag.asText(), null, deadline, "reading tag")
              .path("name")
              .asText())) {
        found.add(tag.asText());
      }
    }
    return found;
  }

  private static String tagName(String resourceId) {
    return "cloudimg-" + resourceId;
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    String type = resource.kind() == CloudResource.Kind.INSTANCE ? VM_TYPE : ITEM_TYPE;
    ObjectNode update = object();
    update.put("description", TagText.encode(TagText.withHeartbeat(resource.tags(), now)));
    for (String tag : ourTags(resource.id(), type, null)) {
      api("PATCH", "/cis/tagging/tag/" + tag, update, null, "refreshing the heartbeat of " + tag);
    }
  }

  /** Library items before VMs, the order of creation (a deployment's sweep deletes in reverse). */
  @Override
  public List<CloudResource> listOwned() throws CloudException {
    ObjectNode query = object();
    query.put("category_id", category(null));
    List<CloudResource> items = new ArrayList<>();
    List<CloudResource> vms = new ArrayList<>();
    for (JsonNode tagId :
        api(
            "POST",
            "/cis/tagging/tag?action=list-tags-for-category",
            query,
            null,
            "listing cloudimg tags")) {
      JsonNode tag = api("GET", "/cis/tagging/tag/" + tagId.asText(), null, null, "reading tag");
      Map<String, String> tags = TagText.decode(tag.path("description").asText(null));
      if (tags.isEmpty()) {
        continue;
      }
      for (JsonNode object :
          api(
              "POST",
              "/cis/tagging/tag-association/" + tagId.asText() + "?action=list-attached-objects",
              null,
              null,
              "listing tagged objects")) {
        String type = object.path("type").asText();
        if (type.equals(VM_TYPE) || type.equals(ITEM_TYPE)) {
          boolean vm = type.equals(VM_TYPE);
          (vm ? vms : items)
              .add(
                  new CloudResource(
                      vm ? CloudResource.Kind.INSTANCE : CloudResource.Kind.IMAGE,
                      object.path("id").asText(),
                      tag.path("name").asText(),
                      tags));
        }
      }
    }
    items.addAll(vms);
    return items;
  }

  /** Creates the resource's tag, carrying its build tags, and attaches it. */
  private void tag(CloudResource resource, String type, Deadline deadline) throws CloudException {
    ObjectNode tag = object();
    tag.put("category_id", category(deadline));
    tag.put("name", tagName(resource.id()));
    tag.put("description", TagText.encode(resource.tags()));
    String id = api("POST", "/cis/tagging/tag", tag, deadline, "creating a tag").asText();
    ObjectNode attach = object();
    attach.putObject("object_id").put("type", type).put("id", resource.id());
    try {
      api(
          "POST",
          "/cis/tagging/tag-association/" + id + "?action=attach",
          attach,
          deadline,
          "tagging " + resource);
    } catch (CloudException e) {
      CloudHttp.cleanUp(
          e, () -> api("DELETE", "/cis/tagging/tag/" + id, null, shortDeadline(), "deleting tag"));
      throw e;
    }
  }

  /** The tags of the cloudimg category attached to an object (none when it is gone). */
  private List<String> ourTags(String id, String type, Deadline deadline) throws CloudException {
    ObjectNode query = object();
    query.putObject("object_id").put("type", type).put("id", id);
    List<String> ours = new ArrayList<>();
    String category = category(deadline);
    for (JsonNode tag :
        api(
            "POST",
            "/cis/tagging/tag-association?action=list-attached-tags",
            query,
            deadline,
            "listing the tags of " + id)) {
      JsonNode info = api("GET", "/cis/tagging/tag/" + tag.asText(), null, deadline, "reading tag");
      if (category.equals(info.path("category_id").asText())) {
        ours.add(tag.asText());
      }
    }
    return ours;
  }

  /** The id of the cloudimg tag category, created on first use. */
  private synchronized String category(Deadline deadline) throws CloudException {
    if (category == null) {
      for (JsonNode id :
          api("GET", "/cis/tagging/category", null, deadline, "listing categories")) {
        JsonNode info =
            api("GET", "/cis/tagging/category/" + id.asText(), null, deadline, "reading category");
        if (CATEGORY.equals(info.path("name").asText())) {
          category = id.asText();
        }
      }
      if (category == null) {
        ObjectNode spec = object();
        spec.put("name", CATEGORY);
        spec.put(
            "description",
            "resources of cloudimg deployments; tag descriptions hold owner,"
                + " build and heartbeat");
        spec.put("cardinality", "MULTIPLE");
        spec.putArray("associable_types").add(VM_TYPE).add(ITEM_TYPE);
        category =
            api("POST", "/cis/tagging/category", spec, deadline, "creating the category").asText();
      }
    }
    return category;
  }

  private void deleteItemsNamed(String name, Map<String, String> tags) throws CloudException {
    Deadline deadline = shortDeadline();
    ObjectNode find = object();
    find.put("library_id", settings.library());
    find.put("name", name);
    for (JsonNode item :
        api("POST", "/content/library/item?action=find", find, deadline, "finding item " + name)) {
      delete(new CloudResource(CloudResource.Kind.IMAGE, item.asText(), name, tags), deadline);
    }
  }

  private void deleteNamed(String name, Map<String, String> tags) throws CloudException {
    Deadline deadline = shortDeadline();
    for (JsonNode vm :
        api(
            "GET",
            "/vcenter/vm?names=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
            null,
            deadline,
            "finding VM " + name)) {
      delete(
          new CloudResource(CloudResource.Kind.INSTANCE, vm.path("vm").asText(), name, tags),
          deadline);
    }
  }

  private JsonNode api(String method, String path, JsonNode body, Deadline deadline, String action)
      throws CloudException {
    return call(method, path, body, deadline, action, false);
  }

  /**
   * A call with the session header; a 401 (expired session) logs in again once. A long call may
   * take until the deadline.
   */
  private JsonNode call(
      String method, String path, JsonNode body, Deadline deadline, String action, boolean longCall)
      throws CloudException {
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(CloudHttp.resolve(settings.endpoint(), "/api" + path))
              .header("Accept", "application/json")
              .header("vmware-api-session-id", session(deadline))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(CloudHttp.json(body)));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      try {
        return (longCall
                ? http.sendLong(request, deadline, action)
                : http.send(request, deadline, action))
            .json();
      } catch (CloudException e) {
        if (e.status() != 401 || attempt > 1) {
          throw e;
        }
        forgetSession();
      }
    }
  }

  private synchronized void forgetSession() {
    session = null;
  }

  private synchronized String session(Deadline deadline) throws CloudException {
    if (session == null) {
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(CloudHttp.resolve(settings.endpoint(), "/api/session"))
              .header("Authorization", "Basic " + basic)
              .POST(HttpRequest.BodyPublishers.noBody());
      session = http.send(request, deadline, "logging in as " + settings.user()).json().asText();
    }
    return session;
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
}
