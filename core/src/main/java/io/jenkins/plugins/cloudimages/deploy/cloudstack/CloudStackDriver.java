package io.jenkins.plugins.cloudimages.deploy.cloudstack;

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
import io.jenkins.plugins.cloudimages.deploy.Pacing;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Apache CloudStack through its signed API. The image is a template registered from the published
 * URL ({@code registerTemplate}; the cloud downloads it) and polled with {@code listTemplates}
 * until {@code isready}; the instance comes from {@code deployVirtualMachine} (service offering,
 * zone and network looked up by name, user data base64 in a POST), whose asynchronous job is
 * awaited with {@code queryAsyncJobResult}; {@code destroyVirtualMachine} with {@code expunge=true}
 * and {@code deleteTemplate} remove them. Tags ({@code createTags}) carry the build's identity;
 * tags cannot be overwritten, so the heartbeat is replaced under cover of a spare heartbeat tag.
 * CloudStack has no API for the serial console that works everywhere ({@code getVMConsole} is
 * missing from most versions), so the console is empty and host keys are injected through user
 * data.
 */
public final class CloudStackDriver implements CloudDriver {
  private static final String VM = "UserVm";
  private static final String TEMPLATE = "Template";
  private static final String SPARE_HEARTBEAT = BuildIdentity.TAG_HEARTBEAT + "-spare";

  /** What the clouds file says about one CloudStack cloud. */
  public record Settings(
      String cloud,
      URI endpoint,
      String zone,
      String serviceOffering,
      String network,
      String hypervisor,
      String osTypeId,
      String osType,
      boolean usePublicIp,
      Pacing pacing) {

    public static Settings from(CloudSettings cloud) {
      return new Settings(
          cloud.name(),
          cloud.requiredEndpoint("https://cloud.example.org/client/api"),
          cloud.option("zone", null),
          cloud.flavor(),
          cloud.network(),
          cloud.option("hypervisor", "KVM"),
          cloud.option("osTypeId", null),
          cloud.option("osType", "Other Linux (64-bit)"),
          Boolean.parseBoolean(cloud.option("usePublicIp", "false")),
          Pacing.from(cloud));
    }
  }

  private final Settings settings;
  private final CloudStackClient api;
  private final Clock clock;
  private final Consumer<String> log;
  private final Map<String, String> deployJobs = new ConcurrentHashMap<>();
  private final AtomicBoolean consoleNoted = new AtomicBoolean();

  public CloudStackDriver(
      Settings settings, String apiKey, String secretKey, Clock clock, Consumer<String> log) {
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    this.api = new CloudStackClient(settings.endpoint(), apiKey, secretKey, settings.pacing(), log);
  }

  /** The driver for a clouds-file entry; credentials come from its env variable or file. */
  public static CloudStackDriver create(CloudSettings cloud, Consumer<String> log)
      throws CloudException {
    Settings settings = Settings.from(cloud);
    String[] keys = CloudStackClient.parseCredentials(cloud.credentials(), cloud.name());
    return new CloudStackDriver(settings, keys[0], keys[1], Clock.systemUTC(), log);
  }

  @Override
  public String type() {
    return "cloudstack";
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    if (image.url() == null) {
      throw new CloudException(
          "cloudstack registers templates from the published URL; " + image.name() + " has none");
    }
    Map<String, String> tags = build.tags(clock.instant());
    String name = build.deployment() != null ? build.deployment() : "cloudimg-" + image.name();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("name", name);
    params.put("displaytext", "cloudimg " + image.name());
    params.put("url", image.url().toString());
    params.put("format", templateFormat(image));
    params.put("hypervisor", settings.hypervisor());
    params.put("zoneid", zoneId());
    params.put("ostypeid", osTypeId());
    params.put("ispublic", "false");
    params.put("isextractable", "false");
    params.put("passwordenabled", "false");
    if (image.sha256() != null) {
      params.put("checksum", "{SHA-256}" + image.sha256());
    }
    String id;
    try {
      JsonNode registered =
          api.callOnce("registerTemplate", params).body().path("template").path(0);
      id = registered.path("id").asText(null);
    } catch (CloudException e) {
      id = adoptAfterLostReply(e, () -> templateNamed(name));
    }
    if (id == null) {
      throw new CloudException("cloudstack registerTemplate answered no template id");
    }
    CloudResource template = new CloudResource(CloudResource.Kind.IMAGE, id, name, tags);
    try {
      tag(id, TEMPLATE, tags, deadline);
      awaitTemplate(id, deadline);
      return template;
    } catch (CloudException | RuntimeException e) {
      deleteQuietly(template);
      Pacing.restoreInterrupt(e);
      throw e;
    }
  }

  private void awaitTemplate(String id, Deadline deadline) throws CloudException {
    while (true) {
      JsonNode template = template(id);
      if (template == null) {
        throw new CloudException("cloudstack template " + id + " disappeared while downloading");
      }
      String status = template.path("status").asText("");
      if (template.path("isready").asBoolean(false)) {
        log.accept("cloudstack: template " + id + " ready");
        return;
      }
      String lower = status.toLowerCase(Locale.ROOT);
      if (lower.contains("fail") || lower.contains("error") || lower.contains("abandon")) {
        throw new CloudException("cloudstack template " + id + " failed: " + status);
      }
      settings.pacing().pause(deadline);
    }
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("templateid", image.id());
    params.put("zoneid", zoneId());
    params.put("serviceofferingid", serviceOfferingId(spec.flavor()));
    String network = spec.network() != null ? spec.network() : settings.network();
    if (network != null) {
      params.put("networkids", networkId(network));
    }
    params.put("name", spec.name());
    params.put("displayname", spec.name());
    params.put(
        "userdata",
        Base64.getEncoder().encodeToString(spec.userData().getBytes(StandardCharsets.UTF_8)));
    String id;
    try {
      CloudStackClient.Answer answer = api.callOnce("deployVirtualMachine", params);
      id = answer.text("id");
      String job = answer.text("jobid");
      if (id != null && job != null) {
        deployJobs.put(id, job);
      }
    } catch (CloudException e) {
      id = adoptAfterLostReply(e, () -> vmNamed(spec.name()));
    }
    if (id == null) {
      throw new CloudException("cloudstack deployVirtualMachine answered no id");
    }
    CloudResource vm = new CloudResource(CloudResource.Kind.INSTANCE, id, spec.name(), spec.tags());
    try {
      tag(id, VM, spec.tags(), deadline);
    } catch (CloudException | RuntimeException e) {
      deleteQuietly(vm);
      Pacing.restoreInterrupt(e);
      throw e;
    }
    log.accept("cloudstack: deploying " + id + " from template " + image.id());
    return List.of(vm);
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    String job = deployJobs.remove(instance.id());
    if (job != null) {
      api.awaitJob("deployVirtualMachine", job, deadline);
    }
    while (true) {
      JsonNode vm = vm(instance.id());
      String state = vm == null ? "Starting" : vm.path("state").asText("");
      if (state.equals("Running")) {
        String address = address(vm);
        if (address != null) {
          return new InstanceAddress(address, 22);
        }
      } else if (!state.equals("Starting") && !state.isEmpty()) {
        throw new CloudException("cloudstack virtual machine " + instance.id() + " is " + state);
      }
      settings.pacing().pause(deadline);
    }
  }

  private String address(JsonNode vm) {
    if (settings.usePublicIp() && vm.hasNonNull("publicip")) {
      return vm.get("publicip").asText();
    }
    for (JsonNode nic : vm.path("nic")) {
      if (nic.path("isdefault").asBoolean(false) && nic.hasNonNull("ipaddress")) {
        return nic.get("ipaddress").asText();
      }
    }
    JsonNode first = vm.path("nic").path(0).get("ipaddress");
    return first == null ? null : first.asText();
  }

  /** Always empty: CloudStack's API has no console output that works on every version. */
  @Override
  public String consoleOutput(CloudResource instance) {
    if (consoleNoted.compareAndSet(false, true)) {
      log.accept(
          "cloudstack: no serial console through the API (getVMConsole is not generally"
              + " available); host keys are injected through user data");
    }
    return "";
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    switch (resource.kind()) {
      case INSTANCE -> {
        JsonNode vm = vm(resource.id());
        String state = vm == null ? "Expunging" : vm.path("state").asText("");
        if (state.equals("Expunging") || state.equals("Expunged")) {
          throw new CloudException(resource + " not found", 404, null);
        }
        String command =
            state.equals("Destroyed") ? "expungeVirtualMachine" : "destroyVirtualMachine";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("id", resource.id());
        if (command.equals("destroyVirtualMachine")) {
          params.put("expunge", "true");
        }
        api.awaitJob(command, api.call(command, params).text("jobid"), deadline);
      }
      case IMAGE -> {
        if (template(resource.id()) == null) {
          throw new CloudException(resource + " not found", 404, null);
        }
        String job = api.call("deleteTemplate", Map.of("id", resource.id())).text("jobid");
        api.awaitJob("deleteTemplate", job, deadline);
      }
      default -> throw new CloudException("cloudstack creates no " + resource);
    }
  }

  private void deleteQuietly(CloudResource resource) {
    try {
      delete(resource, Deadline.in("delete " + resource, Duration.ofMinutes(2), clock));
    } catch (CloudException | RuntimeException e) {
      log.accept(
          "cloudstack: could not delete "
              + resource
              + " ("
              + e.getMessage()
              + "); the deployment's sweep or the janitor will");
    }
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    String type = resource.kind() == CloudResource.Kind.INSTANCE ? VM : TEMPLATE;
    Deadline deadline = Deadline.in("heartbeat", Duration.ofMinutes(2), clock);
    Map<String, String> beat = Map.of(BuildIdentity.TAG_HEARTBEAT, now.toString());
    Map<String, String> spare = Map.of(SPARE_HEARTBEAT, now.toString());
    // tags cannot be overwritten: the spare carries the time while the heartbeat is replaced, so
    // that a process killed in between never leaves a resource without one (the janitor skips it)
    untagQuietly(resource.id(), type, SPARE_HEARTBEAT, deadline);
    tag(resource.id(), type, spare, deadline);
    untagQuietly(resource.id(), type, BuildIdentity.TAG_HEARTBEAT, deadline);
    tag(resource.id(), type, beat, deadline);
  }

  /** Deletes a tag; one that is not there (a process killed while it beat) is fine. */
  private void untagQuietly(String id, String type, String key, Deadline deadline) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("resourceids", id);
    params.put("resourcetype", type);
    params.put("tags[0].key", key);
    try {
      api.awaitJob("deleteTags", api.call("deleteTags", params).text("jobid"), deadline);
    } catch (CloudException e) {
      log.accept("cloudstack: deleting tag " + key + " of " + id + ": " + e.getMessage());
    }
  }

  /** Virtual machines (not destroyed) and own templates that carry the owner tag. */
  @Override
  public List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> owned = new ArrayList<>();
    for (JsonNode vm :
        listAll("listVirtualMachines", "virtualmachine", Map.of("listall", "true"))) {
      String state = vm.path("state").asText("");
      if (!state.equals("Destroyed") && !state.equals("Expunging")) {
        owned(CloudResource.Kind.INSTANCE, vm, owned);
      }
    }
    for (JsonNode template :
        listAll("listTemplates", "template", Map.of("templatefilter", "self"))) {
      owned(CloudResource.Kind.IMAGE, template, owned);
    }
    return owned;
  }

  private static void owned(CloudResource.Kind kind, JsonNode item, List<CloudResource> out) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode tag : item.path("tags")) {
      tags.put(tag.path("key").asText(), tag.path("value").asText());
    }
    String spare = tags.remove(SPARE_HEARTBEAT);
    String beat = tags.get(BuildIdentity.TAG_HEARTBEAT);
    if (spare != null && (beat == null || later(spare, beat))) {
      tags.put(BuildIdentity.TAG_HEARTBEAT, spare);
    }
    if (tags.containsKey(BuildIdentity.TAG_OWNER)) {
      out.add(
          new CloudResource(kind, item.path("id").asText(), item.path("name").asText(null), tags));
    }
  }

  private static boolean later(String a, String b) {
    try {
      return Instant.parse(a).isAfter(Instant.parse(b));
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** Every page of a list command (page numbers from 1, 500 a page, until count is reached). */
  private List<JsonNode> listAll(String command, String field, Map<String, String> params)
      throws CloudException {
    List<JsonNode> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      Map<String, String> paged = new LinkedHashMap<>(params);
      paged.put("page", String.valueOf(page));
      paged.put("pagesize", "500");
      CloudStackClient.Answer answer = api.call(command, paged);
      JsonNode items = answer.body().path(field);
      items.forEach(all::add);
      if (items.size() < 500 || all.size() >= answer.body().path("count").asInt(0)) {
        return all;
      }
    }
  }

  private void tag(String id, String type, Map<String, String> tags, Deadline deadline)
      throws CloudException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("resourceids", id);
    params.put("resourcetype", type);
    int n = 0;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      params.put("tags[" + n + "].key", tag.getKey());
      params.put("tags[" + n + "].value", tag.getValue());
      n++;
    }
    api.awaitJob("createTags", api.call("createTags", params).text("jobid"), deadline);
  }

  @FunctionalInterface
  private interface Lookup {
    String id() throws CloudException;
  }

  /**
   * A create command that failed without a clear refusal (a lost reply, a server error) may still
   * have created its resource: it is found by its unique name and adopted.
   */
  private String adoptAfterLostReply(CloudException e, Lookup byName) throws CloudException {
    if (e.status() > 0 && e.status() < 500) {
      throw e;
    }
    String id = byName.id();
    if (id == null) {
      throw e;
    }
    log.accept("cloudstack: the reply was lost but " + id + " was created; using it");
    return id;
  }

  private String templateNamed(String name) throws CloudException {
    for (JsonNode t :
        api.call("listTemplates", Map.of("templatefilter", "self", "name", name))
            .body()
            .path("template")) {
      if (name.equals(t.path("name").asText())) {
        return t.path("id").asText();
      }
    }
    return null;
  }

  private String vmNamed(String name) throws CloudException {
    for (JsonNode vm :
        api.call("listVirtualMachines", Map.of("name", name)).body().path("virtualmachine")) {
      if (name.equals(vm.path("name").asText())) {
        return vm.path("id").asText();
      }
    }
    return null;
  }

  private JsonNode template(String id) throws CloudException {
    JsonNode list;
    try {
      list =
          api.call("listTemplates", Map.of("templatefilter", "self", "id", id))
              .body()
              .path("template");
    } catch (CloudException e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
    return list.size() == 0 ? null : list.get(0);
  }

  private JsonNode vm(String id) throws CloudException {
    JsonNode list;
    try {
      list = api.call("listVirtualMachines", Map.of("id", id)).body().path("virtualmachine");
    } catch (CloudException e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
    return list.size() == 0 ? null : list.get(0);
  }

  private String zoneId() throws CloudException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("available", "true");
    JsonNode zones = api.call("listZones", params).body().path("zone");
    for (JsonNode zone : zones) {
      if (settings.zone() == null
          ? zones.size() == 1
          : settings.zone().equals(zone.path("name").asText())
              || settings.zone().equals(zone.path("id").asText())) {
        return zone.path("id").asText();
      }
    }
    throw new CloudException(
        settings.zone() == null
            ? "cloudstack: the cloud has "
                + zones.size()
                + " zones; set options.zone to one of "
                + names(zones)
            : "cloudstack: no zone named " + settings.zone() + " (zones: " + names(zones) + ")");
  }

  private String serviceOfferingId(String flavor) throws CloudException {
    String wanted = flavor != null ? flavor : settings.serviceOffering();
    if (wanted == null) {
      throw new CloudException(
          "cloudstack needs a flavor (service offering name) in the clouds file");
    }
    JsonNode offerings =
        api.call("listServiceOfferings", Map.of("name", wanted)).body().path("serviceoffering");
    return byName(offerings, wanted, "service offering");
  }

  private String networkId(String wanted) throws CloudException {
    JsonNode networks = api.call("listNetworks", Map.of("zoneid", zoneId())).body().path("network");
    return byName(networks, wanted, "network");
  }

  private String osTypeId() throws CloudException {
    if (settings.osTypeId() != null) {
      return settings.osTypeId();
    }
    JsonNode types =
        api.call("listOsTypes", Map.of("description", settings.osType())).body().path("ostype");
    for (JsonNode type : types) {
      if (settings.osType().equals(type.path("description").asText())) {
        return type.path("id").asText();
      }
    }
    throw new CloudException(
        "cloudstack: no OS type described as " + settings.osType() + "; set options.osTypeId");
  }

  private static String byName(JsonNode items, String wanted, String what) throws CloudException {
    for (JsonNode item : items) {
      if (wanted.equals(item.path("name").asText()) || wanted.equals(item.path("id").asText())) {
        return item.path("id").asText();
      }
    }
    throw new CloudException(
        "cloudstack: no " + what + " named " + wanted + " (have: " + names(items) + ")");
  }

  private static List<String> names(JsonNode items) {
    List<String> names = new ArrayList<>();
    items.forEach(i -> names.add(i.path("name").asText()));
    return names;
  }

  private static String templateFormat(ImageSource image) throws CloudException {
    String format = image.format() == null ? "" : image.format().toLowerCase(Locale.ROOT);
    return switch (format) {
      case "qcow2" -> "QCOW2";
      case "raw", "img" -> "RAW";
      case "vhd" -> "VHD";
      case "vhdx" -> "VHDX";
      case "ova" -> "OVA";
      default ->
          throw new CloudException(
              "cloudstack templates are qcow2, raw, vhd, vhdx or ova, not "
                  + (format.isEmpty() ? "an unknown format" : format)
                  + " ("
                  + image.name()
                  + ")");
    };
  }
}
