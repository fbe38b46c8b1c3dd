package io.jenkins.plugins.cloudimages.deploy.cloudstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.cloudimages.deploy.FakeHttpApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A FAKE CloudStack API server, not CloudStack: written from the Apache CloudStack API reference
 * (4.x: listZones, listServiceOfferings, listNetworks, listOsTypes, registerTemplate,
 * listTemplates, deleteTemplate, deployVirtualMachine, listVirtualMachines, destroyVirtualMachine,
 * expungeVirtualMachine, createTags, deleteTags, queryAsyncJobResult; JSON answers wrapped in
 * {@code <command>response}, errors as {@code errorcode}/{@code errortext} with the same HTTP
 * status) and the Developer's Guide on signing. Every request's signature is checked with the one
 * secret it knows (401 "unable to verify user credentials and/or request signature" otherwise). It
 * is stateful: templates download for {@link #pollsUntilReady} lists, asynchronous jobs stay
 * pending for as many queries, virtual machines go Starting then Running, an id that names nothing
 * answers 431. Failures are injected per command (see {@link FakeHttpApi}), plus a template
 * download that fails and an asynchronous job that fails with an errortext.
 */
final class FakeCloudStackServer extends FakeHttpApi {
  static final String API_KEY = "fake-api-key_0123";
  static final String SECRET = "fake-secret-key_4567";
  static final String ZONE = "zone-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final class Item {
    final String id;
    final ObjectNode json;
    int polls;
    final Map<String, String> tags = new LinkedHashMap<>();

    Item(String id, ObjectNode json) {
      this.id = id;
      this.json = json;
    }
  }

  private static final class Job {
    int polls;
    String failure;
    Supplier<ObjectNode> onDone;
    ObjectNode result;
    int status;
  }

  private final Map<String, Item> templates = new LinkedHashMap<>();
  private final Map<String, Item> vms = new LinkedHashMap<>();
  private final Map<String, Job> jobs = new HashMap<>();
  private final Map<String, Job> vmJobs = new HashMap<>();
  private final List<String> commands = new ArrayList<>();
  volatile int pollsUntilReady = 2;
  volatile boolean vmsNeverRun;
  private String failNextDownload;
  private final Map<String, String> failNextJob = new HashMap<>();
  private int vmsCreated;

  synchronized void failNextDownload(String status) {
    failNextDownload = status;
  }

  /** The next asynchronous job of {@code command} fails with this errortext. */
  synchronized void failNextJob(String command, String errortext) {
    failNextJob.put(command.toLowerCase(Locale.ROOT), errortext);
  }

  private static final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    ApiError(int code, String text) {
      super(text);
      this.code = code;
    }
  }

  @Override
  protected void handle(HttpExchange exchange, byte[] body) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    decodePairs(exchange.getRequestURI().getRawQuery())
        .forEach(e -> params.put(e.getKey(), e.getValue()));
    decodePairs(new String(body, StandardCharsets.UTF_8))
        .forEach(e -> params.put(e.getKey(), e.getValue()));
    String command = params.getOrDefault("command", "").toLowerCase(Locale.ROOT);
    String signature = params.get("signature");
    if (!API_KEY.equals(params.get("apikey"))
        || signature == null
        || !signature.equals(CloudStackSigner.sign(params, SECRET))) {
      refusedSignatures.incrementAndGet();
      error(exchange, command, 401, "unable to verify user credentials and/or request signature");
      return;
    }
    if (!"json".equals(params.get("response"))) {
      error(exchange, command, 431, "this fake only answers response=json");
      return;
    }
    Failure failure = injectedFor(command);
    if (failure != null && !failure.afterCall()) {
      error(exchange, command, failure.status(), failure.message());
      return;
    }
    ObjectNode answer;
    synchronized (this) {
      commands.add(command);
      try {
        answer = answer(command, params);
      } catch (ApiError e) {
        error(exchange, command, e.code, e.getMessage());
        return;
      }
    }
    if (failure != null) {
      error(exchange, command, failure.status(), failure.message());
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    root.set(command + "response", answer);
    respond(exchange, 200, "application/json", root.toString());
  }

  private ObjectNode answer(String command, Map<String, String> p) throws ApiError {
    ObjectNode out = JSON.createObjectNode();
    switch (command) {
      case "listzones" -> list(out, "zone", List.of(named(ZONE, "zone-one")));
      case "listserviceofferings" -> {
        List<ObjectNode> all =
            List.of(named("so-small", "Small Instance"), named("so-medium", "Medium Instance"));
        list(
            out,
            "serviceoffering",
            all.stream()
                .filter(o -> !p.containsKey("name") || o.get("name").asText().equals(p.get("name")))
                .toList());
      }
      case "listnetworks" ->
          list(out, "network", List.of(named("net-1", "guests"), named("net-2", "lab")));
      case "listostypes" -> {
        ObjectNode type =
            JSON.createObjectNode().put("id", "os-99").put("description", "Other Linux (64-bit)");
        list(out, "ostype", List.of(type));
      }
      case "registertemplate" -> {
        require(p, "name", "url", "format", "hypervisor", "zoneid", "ostypeid", "displaytext");
        if (!p.get("zoneid").equals(ZONE)) {
          throw new ApiError(431, "Unable to find zone by id " + p.get("zoneid"));
        }
        Item template = new Item("tpl-" + UUID.randomUUID(), JSON.createObjectNode());
        template
            .json
            .put("id", template.id)
            .put("name", p.get("name"))
            .put("isready", false)
            .put("status", "")
            .put("format", p.get("format"))
            .put("url", p.get("url"));
        if (failNextDownload != null) {
          template.json.put("fail", failNextDownload);
          failNextDownload = null;
        }
        templates.put(template.id, template);
        out.put("count", 1);
        out.putArray("template").add(view(template));
      }
      case "listtemplates" -> {
        if (!"self".equals(p.get("templatefilter"))) {
          throw new ApiError(431, "templatefilter must be self here");
        }
        List<ObjectNode> found = new ArrayList<>();
        for (Item t : templates.values()) {
          if (p.containsKey("id") && !t.id.equals(p.get("id"))
              || p.containsKey("name") && !t.json.get("name").asText().equals(p.get("name"))) {
            continue;
          }
          if (p.containsKey("id")) {
            download(t);
          }
          found.add(view(t));
        }
        if (p.containsKey("id") && found.isEmpty()) {
          throw gone("listtemplates");
        }
        list(out, "template", found);
      }
      case "deletetemplate" -> {
        Item t = find(templates, p.get("id"), command);
        String id = t.id;
        job(
            out,
            command,
            () -> {
              templates.remove(id);
              return JSON.createObjectNode().put("success", true);
            });
      }
      case "deployvirtualmachine" -> {
        require(p, "serviceofferingid", "templateid", "zoneid");
        Item t = find(templates, p.get("templateid"), command);
        if (!t.json.get("isready").asBoolean()) {
          throw new ApiError(431, "Template " + t.id + " has not been completely downloaded");
        }
        if (p.containsKey("networkids")
            && !List.of("net-1", "net-2").contains(p.get("networkids"))) {
          throw gone(command);
        }
        Item vm = new Item("vm-" + UUID.randomUUID(), JSON.createObjectNode());
        vmsCreated++;
        vm.json
            .put("id", vm.id)
            .put("name", p.getOrDefault("name", vm.id))
            .put("state", "Starting")
            .put("templateid", t.id)
            .put("serviceofferingid", p.get("serviceofferingid"))
            .put("networkids", p.getOrDefault("networkids", ""))
            .put(
                "userdata",
                new String(
                    Base64.getDecoder().decode(p.getOrDefault("userdata", "")),
                    StandardCharsets.UTF_8));
        vms.put(vm.id, vm);
        String failure = failNextJob.remove(command);
        Job job =
            job(
                out,
                command,
                () -> {
                  vm.json.put("state", "Running");
                  vm.json
                      .putArray("nic")
                      .addObject()
                      .put("ipaddress", "127.0.0.1")
                      .put("isdefault", true);
                  return JSON.createObjectNode().set("virtualmachine", view(vm));
                });
        if (failure != null) {
          job.failure = failure;
          job.onDone =
              () -> {
                vm.json.put("state", "Error");
                return null;
              };
        }
        vmJobs.put(vm.id, job);
        out.put("id", vm.id);
      }
      case "listvirtualmachines" -> {
        List<ObjectNode> found = new ArrayList<>();
        for (Item vm : vms.values()) {
          if (p.containsKey("id") && !vm.id.equals(p.get("id"))
              || p.containsKey("name") && !vm.json.get("name").asText().equals(p.get("name"))) {
            continue;
          }
          if (vmJobs.containsKey(vm.id)) {
            advance(vmJobs.get(vm.id));
          }
          found.add(view(vm));
        }
        if (p.containsKey("id") && found.isEmpty()) {
          throw gone(command);
        }
        list(out, "virtualmachine", found);
      }
      case "destroyvirtualmachine", "expungevirtualmachine" -> {
        Item vm = find(vms, p.get("id"), command);
        if (command.equals("destroyvirtualmachine") && !"true".equals(p.get("expunge"))) {
          throw new ApiError(431, "this fake expects expunge=true");
        }
        vm.json.put("state", "Expunging");
        String id = vm.id;
        Job expunge =
            job(
                out,
                command,
                () -> {
                  vms.remove(id);
                  return JSON.createObjectNode();
                });
        // the server works the job off whether anyone polls it or not
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
            .execute(
                () -> {
                  synchronized (this) {
                    while (expunge.status == 0) {
                      advance(expunge);
                    }
                  }
                });
      }
      case "createtags", "deletetags" -> {
        Map<String, Item> kind = "UserVm".equals(p.get("resourcetype")) ? vms : templates;
        Item item = find(kind, p.get("resourceids"), command);
        for (int i = 0; p.containsKey("tags[" + i + "].key"); i++) {
          String key = p.get("tags[" + i + "].key");
          if (command.equals("deletetags")) {
            if (item.tags.remove(key) == null) {
              throw new ApiError(
                  431, "Unable to find any tags which conform to specified delete parameters");
            }
          } else if (item.tags.containsKey(key)) {
            throw new ApiError(431, "tag " + key + " already exists on " + item.id);
          } else {
            item.tags.put(key, p.getOrDefault("tags[" + i + "].value", ""));
          }
        }
        job(out, command, JSON::createObjectNode);
      }
      case "queryasyncjobresult" -> {
        Job job = jobs.get(p.get("jobid"));
        if (job == null) {
          throw gone(command);
        }
        advance(job);
        out.put("jobid", p.get("jobid")).put("jobstatus", job.status);
        if (job.result != null) {
          out.set("jobresult", job.result);
        }
      }
      default ->
          throw new ApiError(
              432, "The given command does not exist or it is not available for user");
    }
    return out;
  }

  private Job job(ObjectNode out, String command, Supplier<ObjectNode> onDone) {
    Job job = new Job();
    job.onDone = onDone;
    if (!command.equals("deployvirtualmachine")) {
      job.failure = failNextJob.remove(command);
    }
    String id = "job-" + UUID.randomUUID();
    jobs.put(id, job);
    out.put("jobid", id);
    return job;
  }

  /** A job ends after some queries; a deployment's also while its VM is listed. */
  private void advance(Job job) {
    if (vmsNeverRun && vmJobs.containsValue(job)) {
      return;
    }
    if (job.status == 0 && ++job.polls >= pollsUntilReady) {
      ObjectNode result = job.onDone.get();
      if (job.failure != null) {
        job.status = 2;
        job.result = JSON.createObjectNode().put("errorcode", 530).put("errortext", job.failure);
      } else {
        job.status = 1;
        job.result = result;
      }
    }
  }

  private void download(Item t) {
    if (t.json.get("isready").asBoolean() || t.json.get("status").asText().startsWith("Failed")) {
      return;
    }
    if (++t.polls < pollsUntilReady) {
      t.json.put("status", (100 * t.polls / pollsUntilReady) + "% Downloaded");
    } else if (t.json.has("fail")) {
      t.json.put("status", "Failed to download template: " + t.json.get("fail").asText());
    } else {
      t.json.put("status", "Download Complete").put("isready", true);
    }
  }

  private static ObjectNode view(Item item) {
    ObjectNode copy = item.json.deepCopy();
    copy.remove("fail");
    ArrayNode tags = copy.putArray("tags");
    item.tags.forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
    return copy;
  }

  private static ObjectNode named(String id, String name) {
    return JSON.createObjectNode().put("id", id).put("name", name);
  }

  private static void list(ObjectNode out, String field, List<ObjectNode> items) {
    if (!items.isEmpty()) {
      out.put("count", items.size());
      ArrayNode array = out.putArray(field);
      items.forEach(array::add);
    }
  }

  private static void require(Map<String, String> p, String... names) throws ApiError {
    for (String name : names) {
      if (!p.containsKey(name)) {
        throw new ApiError(431, "Unable to execute API command due to missing parameter " + name);
      }
    }
  }

  private static Item find(Map<String, Item> items, String id, String command) throws ApiError {
    Item item = id == null ? null : items.get(id);
    if (item == null) {
      throw gone(command);
    }
    return item;
  }

  private static ApiError gone(String command) {
    return new ApiError(
        431,
        "Unable to execute API command "
            + command
            + " due to invalid value. Invalid parameter id"
            + " value due to incorrect long value format, or entity does not exist or due to"
            + " incorrect parameter annotation for the field in api cmd class.");
  }

  private static void error(HttpExchange exchange, String command, int code, String text)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.putObject(command + "response")
        .put("uuidList", "[]")
        .put("errorcode", code)
        .put("cserrorcode", 9999)
        .put("errortext", text);
    respond(exchange, code, "application/json", root.toString());
  }

  // ---- state for the tests

  /** Templates and virtual machines that still exist. */
  synchronized int live() {
    return templates.size() + vms.size();
  }

  synchronized String describe() {
    List<String> all = new ArrayList<>();
    templates.values().forEach(t -> all.add(t.id + " " + t.json.get("status")));
    vms.values().forEach(v -> all.add(v.id + " " + v.json.get("state")));
    return all.toString();
  }

  synchronized int vmsCreated() {
    return vmsCreated;
  }

  synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  synchronized String vmField(String id, String field) {
    return vms.get(id).json.path(field).asText();
  }

  synchronized Map<String, String> tagsOf(String id) {
    Item item = vms.containsKey(id) ? vms.get(id) : templates.get(id);
    return item == null ? null : Map.copyOf(item.tags);
  }

  /** A ready template and a running VM with these tags, as another build left them. */
  synchronized List<String> seed(Map<String, String> tags) {
    Item template = new Item("tpl-" + UUID.randomUUID(), JSON.createObjectNode());
    template
        .json
        .put("id", template.id)
        .put("name", "seeded")
        .put("isready", true)
        .put("status", "Download Complete");
    template.tags.putAll(tags);
    templates.put(template.id, template);
    Item vm = new Item("vm-" + UUID.randomUUID(), JSON.createObjectNode());
    vm.json.put("id", vm.id).put("name", "seeded").put("state", "Running");
    vm.tags.putAll(tags);
    vms.put(vm.id, vm);
    return List.of(vm.id, template.id);
  }
}
