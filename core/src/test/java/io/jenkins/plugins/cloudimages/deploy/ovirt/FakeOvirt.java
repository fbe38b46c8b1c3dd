package io.jenkins.plugins.cloudimages.deploy.ovirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.testing.FakeHttpServer;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A FAKE oVirt engine, not a real one: the REST API v4 in JSON as the oVirt "REST API v4" guide
 * describes it (disks, imagetransfers with their phases, vms, diskattachments, nics, vnicprofiles,
 * reporteddevices, start/stop actions, faults as {reason, detail}), the SSO token endpoint with the
 * password grant, and an imageio-like PUT of the image data. Every API call must carry the bearer
 * token. Stateful: disks are locked until the upload is finalized with all its bytes (else
 * illegal); transfers go initializing, transferring, finalizing_success, finished_success; VMs go
 * down, wait_for_launch, powering_up, up (or back down with a stop reason, or stay powering_up), a
 * running VM cannot be removed, removing a VM removes its disks.
 */
final class FakeOvirt extends FakeHttpServer {
  static final String USER = "admin@internal";
  static final String PASSWORD = "engine-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/ovirt-engine/api";

  final Map<String, ObjectNode> disks = new LinkedHashMap<>();
  final Map<String, ObjectNode> transfers = new LinkedHashMap<>();
  final Map<String, ObjectNode> vms = new LinkedHashMap<>();
  final Map<String, Long> received = new LinkedHashMap<>();
  private volatile String token = UUID.randomUUID().toString();
  volatile int pollsToUp = 3;
  volatile boolean vmsFail;
  volatile boolean vmsHang;
  volatile boolean hostUnreachable;

  FakeOvirt() {
    authentication(
        r ->
            r.path().startsWith(API) && !("Bearer " + token).equals(r.header("Authorization"))
                ? fault(401, "Unauthorized", "no valid bearer token")
                : null);
    route("POST", "/ovirt-engine/sso/oauth/token", this::token);
    route("POST", API + "/disks", this::createDisk);
    route("GET", API + "/disks", r -> list("disk", disks));
    route("GET", API + "/disks/([^/]+)", r -> get(disks, r.group(1)));
    route("PUT", API + "/disks/([^/]+)", r -> update(disks, r));
    route("DELETE", API + "/disks/([^/]+)", this::deleteDisk);
    route("POST", API + "/imagetransfers", this::createTransfer);
    route("GET", API + "/imagetransfers", r -> list("image_transfer", transfers));
    route("GET", API + "/imagetransfers/([^/]+)", this::pollTransfer);
    route("POST", API + "/imagetransfers/([^/]+)/finalize", this::finalizeTransfer);
    route("POST", API + "/imagetransfers/([^/]+)/cancel", this::cancelTransfer);
    route("PUT", "/(?:proxy/)?images/([^/]+)", this::receive);
    route("GET", API + "/vnicprofiles", r -> profiles());
    route("POST", API + "/vms", this::createVm);
    route("GET", API + "/vms", r -> list("vm", vms));
    route("GET", API + "/vms/([^/]+)", this::pollVm);
    route("PUT", API + "/vms/([^/]+)", r -> update(vms, r));
    route("DELETE", API + "/vms/([^/]+)", this::deleteVm);
    route("POST", API + "/vms/([^/]+)/diskattachments", this::attach);
    route("POST", API + "/vms/([^/]+)/nics", r -> exists(vms, r.group(1), r.json()));
    route("POST", API + "/vms/([^/]+)/start", this::start);
    route("POST", API + "/vms/([^/]+)/stop", this::stop);
    route("GET", API + "/vms/([^/]+)/reporteddevices", this::devices);
  }

  String endpoint() {
    return uri() + "/ovirt-engine";
  }

  /** Ends the current session, as an expiry or an engine restart would. */
  void revokeSession() {
    token = UUID.randomUUID().toString();
  }

  /** A disk left locked by an upload whose process was killed mid-transfer; returns its id. */
  synchronized String abandonedUpload(String description) {
    String disk = UUID.randomUUID().toString();
    ObjectNode node = JSON.createObjectNode().put("id", disk).put("name", "abandoned");
    node.put("description", description).put("status", "locked").put("initial_size", 10);
    disks.put(disk, node);
    String transfer = UUID.randomUUID().toString();
    ObjectNode t = JSON.createObjectNode().put("id", transfer).put("phase", "transferring");
    t.put("disk_id", disk).putObject("disk").put("id", disk);
    transfers.put(transfer, t);
    node.put("transfer", transfer);
    return disk;
  }

  synchronized int leftovers() {
    return disks.size() + vms.size();
  }

  synchronized boolean running(String id) {
    ObjectNode vm = vms.get(id);
    return vm != null && vm.path("status").asText().equals("up");
  }

  private static Response fault(int status, String reason, String detail) {
    ObjectNode body = JSON.createObjectNode();
    body.put("reason", reason);
    body.put("detail", detail);
    return Response.json(status, body);
  }

  private Response token(Request r) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : r.text().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    if (!"password".equals(form.get("grant_type"))
        || !"ovirt-app-api".equals(form.get("scope"))
        || !USER.equals(form.get("username"))
        || !PASSWORD.equals(form.get("password"))) {
      ObjectNode body = JSON.createObjectNode();
      body.put("error_code", "access_denied");
      body.put("error", "Cannot authenticate user: wrong user name or password");
      return Response.json(400, body);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", token);
    body.put("token_type", "Bearer");
    body.put("scope", "ovirt-app-api");
    return Response.json(200, body);
  }

  private synchronized Response createDisk(Request r) {
    ObjectNode disk = (ObjectNode) r.json();
    if (!"cow".equals(disk.path("format").asText()) && !"raw".equals(disk.path("format").asText())
        || disk.path("provisioned_size").asLong() <= 0
        || !disk.path("storage_domains").path("storage_domain").path(0).has("name")) {
      return fault(400, "Incomplete parameters", "Disk [format, provisionedSize, storageDomain]");
    }
    String id = UUID.randomUUID().toString();
    disk.put("id", id);
    disk.put("status", "locked");
    disk.put("polls", 0);
    disks.put(id, disk);
    return Response.json(201, disk);
  }

  private synchronized Response get(Map<String, ObjectNode> all, String id) {
    ObjectNode item = all.get(id);
    if (item == null) {
      return fault(404, "Not Found", "Entity not found: " + id);
    }
    if (all == disks
        && item.path("status").asText().equals("locked")
        && !item.has("transfer")
        && item.path("polls").asInt() >= 1) {
      item.put("status", "ok");
    }
    item.put("polls", item.path("polls").asInt() + 1);
    return Response.json(200, item);
  }

  private synchronized Response update(Map<String, ObjectNode> all, Request r) {
    ObjectNode item = all.get(r.group(1));
    if (item == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    item.put("description", r.json().path("description").asText());
    return Response.json(200, item);
  }

  private synchronized Response exists(Map<String, ObjectNode> all, String id, JsonNode body) {
    return all.containsKey(id)
        ? Response.json(201, body)
        : fault(404, "Not Found", "Entity not found: " + id);
  }

  private synchronized Response list(String name, Map<String, ObjectNode> all) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray(name);
    all.values().forEach(items::add);
    return Response.json(200, body);
  }

  private synchronized Response deleteDisk(Request r) {
    ObjectNode disk = disks.get(r.group(1));
    if (disk == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    if (disk.path("status").asText().equals("locked")) {
      return fault(409, "Operation Failed", "[Cannot remove Virtual Disk: Disk is locked.]");
    }
    disks.remove(r.group(1));
    return Response.empty(200);
  }

  private synchronized Response createTransfer(Request r) {
    String diskId = r.json().path("disk").path("id").asText();
    ObjectNode disk = disks.get(diskId);
    if (disk == null
        || !disk.path("status").asText().equals("ok")
        || !"upload".equals(r.json().path("direction").asText())) {
      return fault(409, "Operation Failed", "[Cannot transfer Virtual Disk " + diskId + "]");
    }
    String id = UUID.randomUUID().toString();
    ObjectNode transfer = JSON.createObjectNode();
    transfer.put("id", id);
    transfer.put("phase", "initializing");
    transfer.put("disk_id", diskId);
    transfer.putObject("disk").put("id", diskId);
    transfers.put(id, transfer);
    disk.put("status", "locked");
    disk.put("transfer", id);
    received.put(id, 0L);
    return Response.json(201, transfer);
  }

  private synchronized Response pollTransfer(Request r) {
    ObjectNode transfer = transfers.get(r.group(1));
    if (transfer == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    switch (transfer.path("phase").asText()) {
      case "initializing" -> {
        transfer.put("phase", "transferring");
        transfer.put(
            "transfer_url",
            hostUnreachable
                ? "http://127.0.0.1:9/images/" + transfer.get("id").asText()
                : uri() + "/images/" + transfer.get("id").asText());
        transfer.put("proxy_url", uri() + "/proxy/images/" + transfer.get("id").asText());
      }
      case "finalizing_success" -> transfer.put("phase", "finished_success");
      case "finalizing_failure" -> transfer.put("phase", "finished_failure");
      default -> {}
    }
    return Response.json(200, transfer);
  }

  private Response receive(Request r) throws Exception {
    String id = r.group(1);
    synchronized (this) {
      ObjectNode transfer = transfers.get(id);
      if (transfer == null || !transfer.path("phase").asText().equals("transferring")) {
        return Response.text(403, "text/plain", "no such ticket or not transferring");
      }
    }
    long count = 0;
    InputStream in = r.stream();
    byte[] buffer = new byte[65536];
    for (int n; (n = in.read(buffer)) > 0; ) {
      count += n;
    }
    synchronized (this) {
      received.put(id, count);
    }
    return Response.empty(200);
  }

  private synchronized Response finalizeTransfer(Request r) {
    ObjectNode transfer = transfers.get(r.group(1));
    if (transfer == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    ObjectNode disk = disks.get(transfer.path("disk_id").asText());
    boolean complete =
        disk != null && received.get(r.group(1)) == disk.path("initial_size").asLong();
    transfer.put("phase", complete ? "finalizing_success" : "finalizing_failure");
    if (disk != null) {
      disk.remove("transfer");
      disk.put("status", complete ? "ok" : "illegal");
    }
    return Response.empty(200);
  }

  private synchronized Response cancelTransfer(Request r) {
    ObjectNode transfer = transfers.get(r.group(1));
    if (transfer == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    transfer.put("phase", "cancelled_user");
    ObjectNode disk = disks.get(transfer.path("disk_id").asText());
    if (disk != null) {
      disk.remove("transfer");
      disk.put("status", "illegal");
    }
    return Response.empty(200);
  }

  private Response profiles() {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("vnic_profile");
    list.addObject().put("id", "p-ovirtmgmt").put("name", "ovirtmgmt");
    list.addObject().put("id", "p-lab").put("name", "lab");
    return Response.json(200, body);
  }

  private synchronized Response createVm(Request r) {
    ObjectNode vm = (ObjectNode) r.json();
    if (!"Blank".equals(vm.path("template").path("name").asText())
        || !vm.path("cluster").has("name")) {
      return fault(400, "Incomplete parameters", "VM [cluster, template]");
    }
    String id = UUID.randomUUID().toString();
    vm.put("id", id);
    vm.put("status", "down");
    vm.putArray("disks");
    vms.put(id, vm);
    return Response.json(201, vm);
  }

  private synchronized Response pollVm(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    if (vm == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    int polls = vm.path("polls").asInt() + 1;
    vm.put("polls", polls);
    switch (vm.path("status").asText()) {
      case "wait_for_launch" -> vm.put("status", "powering_up");
      case "powering_up" -> {
        if (vmsFail) {
          vm.put("status", "down");
          vm.put("stop_reason", "Exit message: internal error: qemu unexpectedly closed");
        } else if (!vmsHang && polls >= pollsToUp) {
          vm.put("status", "up");
        }
      }
      default -> {}
    }
    return Response.json(200, vm);
  }

  private synchronized Response attach(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    String diskId = r.json().path("disk").path("id").asText();
    ObjectNode disk = disks.get(diskId);
    if (vm == null || disk == null || !disk.path("status").asText().equals("ok")) {
      return fault(404, "Not Found", "VM or disk not found or not ready");
    }
    ((ArrayNode) vm.get("disks")).add(diskId);
    return Response.json(201, r.json());
  }

  private synchronized Response start(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    if (vm == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    JsonNode init = r.json().path("vm").path("initialization");
    if (!r.json().path("use_cloud_init").asBoolean()
        || !init.path("authorized_ssh_keys").isTextual()
        || !init.path("custom_script").asText().startsWith("#cloud-config")) {
      return fault(400, "Incomplete parameters", "cloud-init initialization expected");
    }
    if (vm.get("disks").isEmpty() || !vm.path("status").asText().equals("down")) {
      return fault(409, "Operation Failed", "[Cannot run VM without a bootable disk or not down]");
    }
    vm.set("initialization", init);
    vm.put("status", "wait_for_launch");
    vm.put("polls", 0);
    return Response.json(200, r.json());
  }

  private synchronized Response stop(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    if (vm == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    vm.put("status", "down");
    return Response.json(200, r.json());
  }

  private synchronized Response devices(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    if (vm == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode devices = body.putArray("reported_device");
    if (vm.path("status").asText().equals("up")) {
      ArrayNode ips = devices.addObject().put("name", "eth0").putObject("ips").putArray("ip");
      ips.addObject().put("address", "fe80::1").put("version", "v6");
      ips.addObject().put("address", "192.168.122." + (vms.size() + 10)).put("version", "v4");
    }
    return Response.json(200, body);
  }

  private synchronized Response deleteVm(Request r) {
    ObjectNode vm = vms.get(r.group(1));
    if (vm == null) {
      return fault(404, "Not Found", "Entity not found: " + r.group(1));
    }
    if (!vm.path("status").asText().equals("down")) {
      return fault(409, "Operation Failed", "[Cannot remove VM. VM is running.]");
    }
    vm.get("disks").forEach(d -> disks.remove(d.asText()));
    vms.remove(r.group(1));
    return Response.empty(200);
  }
}
