package io.jenkins.plugins.cloudimages.deploy.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.testing.FakeHttpServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FAKE vCenter, not a real one: the vSphere Automation REST API ({@code /api}) as its reference
 * describes it — sessions (POST /api/session with basic authentication, then the
 * vmware-api-session-id header, checked on every call), content library items with update sessions
 * (files added with source_type PUSH, content PUT to the upload endpoint, complete, states ACTIVE,
 * DONE, ERROR), OVF deployment from a library item with ExtraConfigParams, VM power and guest
 * identity (503 until VMware Tools run), networks by name, tagging (categories, tags,
 * associations), errors as {error_type, messages[].default_message}. Stateful: an upload missing
 * bytes ends the session in ERROR; a powered-on VM cannot be deleted; deleting an object drops its
 * tag associations. Faults: deployments that fail, VMs that power off, guests that never report.
 */
final class FakeVsphere extends FakeHttpServer {
  static final String USER = "administrator@vsphere.local";
  static final String PASSWORD = "vc-secret";
  static final String LIBRARY = "lib-1";
  static final String POOL = "resgroup-9";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Map<String, ObjectNode> categories = new LinkedHashMap<>();
  final Map<String, ObjectNode> tags = new LinkedHashMap<>();
  final Map<String, List<ObjectNode>> attached = new LinkedHashMap<>();
  final Map<String, ObjectNode> items = new LinkedHashMap<>();
  final Map<String, ObjectNode> sessions = new LinkedHashMap<>();
  final Map<String, ObjectNode> vms = new LinkedHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(100);
  private volatile String token = UUID.randomUUID().toString();
  volatile int pollsToIp = 3;
  volatile boolean deployFails;
  volatile boolean deployReplyLost;
  volatile boolean itemReplyLost;
  volatile boolean vmsFail;
  volatile boolean vmsHang;

  FakeVsphere() {
    authentication(
        r ->
            r.path().equals("/api/session") || token.equals(r.header("vmware-api-session-id"))
                ? null
                : error(401, "UNAUTHENTICATED", "This method requires authentication."));
    route("POST", "/api/session", this::login);
    route("GET", "/api/cis/tagging/category", r -> ids(categories));
    route("GET", "/api/cis/tagging/category/([^/]+)", r -> get(categories, r.group(1)));
    route("POST", "/api/cis/tagging/category", r -> create(categories, "cat-", r.json()));
    route("POST", "/api/cis/tagging/tag", this::tagAction);
    route("GET", "/api/cis/tagging/tag/([^/]+)", r -> get(tags, r.group(1)));
    route("PATCH", "/api/cis/tagging/tag/([^/]+)", this::patchTag);
    route("DELETE", "/api/cis/tagging/tag/([^/]+)", this::deleteTag);
    route("POST", "/api/cis/tagging/tag-association/([^/]+)", this::association);
    route("POST", "/api/cis/tagging/tag-association", this::attachedTags);
    route("POST", "/api/content/library/item", this::createItem);
    route("DELETE", "/api/content/library/item/([^/]+)", this::deleteItem);
    route("POST", "/api/content/library/item/update-session", this::openSession);
    route("GET", "/api/content/library/item/update-session/([^/]+)", this::pollSession);
    route("POST", "/api/content/library/item/update-session/([^/]+)", this::sessionAction);
    route("POST", "/api/content/library/item/updatesession/([^/]+)/file", this::addFile);
    route("PUT", "/nfc/([^/]+)/([^/]+)", this::receive);
    route("GET", "/api/vcenter/network", this::networks);
    route("POST", "/api/vcenter/ovf/library-item/([^/]+)", this::deploy);
    route("GET", "/api/vcenter/vm/([^/]+)/power", this::power);
    route("POST", "/api/vcenter/vm/([^/]+)/power", this::powerAction);
    route("GET", "/api/vcenter/vm/([^/]+)/guest/identity", this::identity);
    route("DELETE", "/api/vcenter/vm/([^/]+)", this::deleteVm);
    route("GET", "/api/vcenter/vm", this::vmsNamed);
  }

  /** Ends the current session, as an expiry or an engine restart would. */
  void revokeSession() {
    token = UUID.randomUUID().toString();
  }

  synchronized int leftovers() {
    return items.size() + vms.size() + tags.size();
  }

  synchronized boolean running(String id) {
    ObjectNode vm = vms.get(id);
    return vm != null && vm.path("power").asText().equals("POWERED_ON");
  }

  private static Response error(int status, String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error_type", type);
    body.putArray("messages").addObject().put("default_message", message).put("id", "fake");
    return Response.json(status, body);
  }

  private static Response notFound(String id) {
    return error(404, "NOT_FOUND", "Object " + id + " does not exist");
  }

  private Response login(Request r) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return expected.equals(r.header("Authorization"))
        ? Response.json(201, token)
        : error(401, "UNAUTHENTICATED", "Authentication required: wrong user name or password");
  }

  private synchronized Response ids(Map<String, ObjectNode> all) {
    return Response.json(200, new ArrayList<>(all.keySet()));
  }

  private synchronized Response get(Map<String, ObjectNode> all, String id) {
    ObjectNode item = all.get(id);
    return item == null ? notFound(id) : Response.json(200, item);
  }

  private synchronized Response create(Map<String, ObjectNode> all, String prefix, JsonNode body) {
    String id = prefix + ids.incrementAndGet();
    ObjectNode item = ((ObjectNode) body).put("id", id);
    all.put(id, item);
    return Response.json(201, id);
  }

  private synchronized Response tagAction(Request r) {
    if (r.query().equals("action=list-tags-for-category")) {
      String category = r.json().path("category_id").asText();
      return Response.json(
          200,
          tags.values().stream()
              .filter(t -> t.path("category_id").asText().equals(category))
              .map(t -> t.path("id").asText())
              .toList());
    }
    if (!categories.containsKey(r.json().path("category_id").asText())) {
      return notFound(r.json().path("category_id").asText());
    }
    return create(tags, "urn:tag:", r.json());
  }

  private synchronized Response patchTag(Request r) {
    ObjectNode tag = tags.get(r.group(1));
    if (tag == null) {
      return notFound(r.group(1));
    }
    tag.put("description", r.json().path("description").asText());
    return Response.empty(204);
  }

  private synchronized Response deleteTag(Request r) {
    attached.remove(r.group(1));
    return tags.remove(r.group(1)) == null ? notFound(r.group(1)) : Response.empty(204);
  }

  private synchronized Response association(Request r) {
    String tag = r.group(1);
    if (!tags.containsKey(tag)) {
      return notFound(tag);
    }
    if (r.query().equals("action=attach")) {
      ObjectNode object = (ObjectNode) r.json().path("object_id");
      Map<String, ObjectNode> owners =
          object.path("type").asText().equals("VirtualMachine") ? vms : items;
      if (!owners.containsKey(object.path("id").asText())) {
        return notFound(object.path("id").asText());
      }
      attached.computeIfAbsent(tag, t -> new ArrayList<>()).add(object);
      return Response.empty(204);
    }
    return Response.json(200, attached.getOrDefault(tag, List.of()));
  }

  private synchronized Response attachedTags(Request r) {
    String id = r.json().path("object_id").path("id").asText();
    List<String> found = new ArrayList<>();
    attached.forEach(
        (tag, objects) -> {
          if (objects.stream().anyMatch(o -> o.path("id").asText().equals(id))) {
            found.add(tag);
          }
        });
    return Response.json(200, found);
  }

  /** Deletes an item or VM behind cloudimg's back (an operator in the vSphere client). */
  synchronized void vanish(String id) {
    items.remove(id);
    vms.remove(id);
    detach(id);
  }

  private void detach(String id) {
    attached.values().forEach(objects -> objects.removeIf(o -> o.path("id").asText().equals(id)));
  }

  private synchronized Response createItem(Request r) {
    if (!LIBRARY.equals(r.json().path("library_id").asText())) {
      return notFound(r.json().path("library_id").asText());
    }
    if (r.query().equals("action=find")) {
      String name = r.json().path("name").asText();
      return Response.json(
          200,
          items.values().stream()
              .filter(i -> i.path("name").asText().equals(name))
              .map(i -> i.path("id").asText())
              .toList());
    }
    Response created = create(items, "item-", r.json());
    return itemReplyLost ? error(502, "SERVICE_UNAVAILABLE", "bad gateway") : created;
  }

  private synchronized Response deleteItem(Request r) {
    if (items.remove(r.group(1)) == null) {
      return notFound(r.group(1));
    }
    detach(r.group(1));
    return Response.empty(204);
  }

  private synchronized Response openSession(Request r) {
    if (!items.containsKey(r.json().path("library_item_id").asText())) {
      return notFound(r.json().path("library_item_id").asText());
    }
    ObjectNode session = (ObjectNode) r.json();
    session.put("state", "ACTIVE");
    session.putObject("files");
    return create(sessions, "session-", session);
  }

  private synchronized Response pollSession(Request r) {
    ObjectNode session = sessions.get(r.group(1));
    if (session == null) {
      return notFound(r.group(1));
    }
    if (session.path("completing").asBoolean()) {
      session.remove("completing");
      boolean complete = true;
      for (JsonNode file : session.get("files")) {
        complete &= file.path("size").asLong() == file.path("received").asLong();
      }
      complete &= session.get("files").has(OvfDescriptor.DESCRIPTOR_FILE);
      session.put("state", complete ? "DONE" : "ERROR");
      if (complete) {
        items.get(session.path("library_item_id").asText()).put("ready", true);
      } else {
        session
            .putObject("error_message")
            .put("default_message", "File validation failed: size mismatch");
      }
    }
    return Response.json(200, session);
  }

  private synchronized Response sessionAction(Request r) {
    ObjectNode session = sessions.get(r.group(1));
    if (session == null) {
      return notFound(r.group(1));
    }
    switch (r.query()) {
      case "action=complete" -> session.put("completing", true);
      case "action=cancel" -> session.put("state", "CANCELED");
      default -> {
        return error(400, "INVALID_ARGUMENT", "unknown action " + r.query());
      }
    }
    return Response.empty(204);
  }

  private synchronized Response addFile(Request r) {
    ObjectNode session = sessions.get(r.group(1));
    if (session == null || !session.path("state").asText().equals("ACTIVE")) {
      return error(400, "NOT_ALLOWED_IN_CURRENT_STATE", "update session is not active");
    }
    if (!"PUSH".equals(r.json().path("source_type").asText())) {
      return error(400, "INVALID_ARGUMENT", "source_type PUSH expected");
    }
    String name = r.json().path("name").asText();
    ObjectNode file = ((ObjectNode) session.get("files")).putObject(name);
    file.put("size", r.json().path("size").asLong());
    file.put("received", 0);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("name", name);
    answer.put("status", "WAITING_FOR_TRANSFER");
    answer.putObject("upload_endpoint").put("uri", uri() + "/nfc/" + r.group(1) + "/" + name);
    return Response.json(200, answer);
  }

  private Response receive(Request r) throws Exception {
    ObjectNode file;
    synchronized (this) {
      ObjectNode session = sessions.get(r.group(1));
      file = session == null ? null : (ObjectNode) session.path("files").get(r.group(2));
      if (file == null) {
        return Response.text(404, "text/plain", "no such upload");
      }
    }
    long count = 0;
    InputStream in = r.stream();
    byte[] buffer = new byte[65536];
    for (int n; (n = in.read(buffer)) > 0; ) {
      count += n;
    }
    synchronized (this) {
      file.put("received", count);
    }
    return Response.empty(200);
  }

  private Response networks(Request r) {
    return Response.json(
        200,
        r.query().equals("names=lab")
            ? List.of(Map.of("network", "network-12", "name", "lab", "type", "STANDARD_PORTGROUP"))
            : List.of());
  }

  private synchronized Response deploy(Request r) {
    ObjectNode item = items.get(r.group(1));
    if (item == null) {
      return notFound(r.group(1));
    }
    JsonNode body = r.json();
    if (!r.query().equals("action=deploy")
        || !item.path("ready").asBoolean()
        || !POOL.equals(body.path("target").path("resource_pool_id").asText())) {
      return error(400, "INVALID_ARGUMENT", "deploy needs a ready OVF item and a resource pool");
    }
    ObjectNode result = JSON.createObjectNode();
    if (deployFails) {
      result.put("succeeded", false);
      result
          .putObject("error")
          .putArray("errors")
          .addObject()
          .putObject("message")
          .put("default_message", "Insufficient disk space on datastore 'datastore1'.");
      return Response.json(200, result);
    }
    String id = "vm-" + ids.incrementAndGet();
    ObjectNode vm = JSON.createObjectNode();
    vm.put("power", "POWERED_OFF");
    vm.set("spec", body.path("deployment_spec"));
    vm.put("name", body.path("deployment_spec").path("name").asText());
    vms.put(id, vm);
    if (deployReplyLost) {
      return error(504, "SERVICE_UNAVAILABLE", "gateway timeout (the deployment went on)");
    }
    result.put("succeeded", true);
    result.putObject("resource_id").put("type", "VirtualMachine").put("id", id);
    return Response.json(200, result);
  }

  private synchronized Response vmsNamed(Request r) {
    String name =
        java.net.URLDecoder.decode(r.query().replaceFirst("^names=", ""), StandardCharsets.UTF_8);
    List<Map<String, String>> found = new ArrayList<>();
    vms.forEach(
        (id, vm) -> {
          if (vm.path("name").asText().equals(name)) {
            found.add(Map.of("vm", id, "name", name, "power_state", vm.path("power").asText()));
          }
        });
    return Response.json(200, found);
  }

  synchronized Map<String, String> extraConfig(String vm) {
    Map<String, String> config = new LinkedHashMap<>();
    for (JsonNode params : vms.get(vm).path("spec").path("additional_parameters")) {
      for (JsonNode c : params.path("extra_configs")) {
        config.put(c.path("key").asText(), c.path("value").asText());
      }
    }
    return config;
  }

  private synchronized Response power(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    if (vm == null) {
      return notFound(r.group(1));
    }
    if (vmsFail && vm.path("power").asText().equals("POWERED_ON")) {
      vm.put("power", "POWERED_OFF");
    }
    return Response.json(200, Map.of("state", vm.path("power").asText()));
  }

  private synchronized Response powerAction(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    if (vm == null) {
      return notFound(r.group(1));
    }
    vm.put("power", r.query().equals("action=start") ? "POWERED_ON" : "POWERED_OFF");
    vm.put("polls", 0);
    return Response.empty(204);
  }

  private synchronized Response identity(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    if (vm == null) {
      return notFound(r.group(1));
    }
    int polls = vm.path("polls").asInt() + 1;
    vm.put("polls", polls);
    if (!vm.path("power").asText().equals("POWERED_ON") || vmsHang || polls < pollsToIp) {
      return error(503, "SERVICE_UNAVAILABLE", "VMware Tools are not running in the guest");
    }
    return Response.json(
        200, Map.of("ip_address", "172.16.0." + r.group(1).substring(3), "host_name", "guest"));
  }

  private synchronized Response deleteVm(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    if (vm == null) {
      return notFound(r.group(1));
    }
    if (vm.path("power").asText().equals("POWERED_ON")) {
      return error(400, "NOT_ALLOWED_IN_CURRENT_STATE", "The VM is powered on.");
    }
    vms.remove(r.group(1));
    detach(r.group(1));
    return Response.empty(204);
  }
}
