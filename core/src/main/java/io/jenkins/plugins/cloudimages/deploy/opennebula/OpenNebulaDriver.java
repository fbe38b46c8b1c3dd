package io.jenkins.plugins.cloudimages.deploy.opennebula;

import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.InstanceAddress;
import io.jenkins.plugins.cloudimages.deploy.http.CloudHttp;
import java.net.URI;
import java.net.http.HttpRequest;
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
import java.util.Set;
import org.w3c.dom.Element;

/**
 * OpenNebula through its XML-RPC API ({@code /RPC2}, session string {@code user:password}). The
 * image is allocated from the published URL into a datastore and waited for until READY; the VM
 * gets a template whose CONTEXT carries the per-build key and the cloud-init user data (base64),
 * with a NIC on the network named in the settings; the build's tags are attributes ({@code
 * CLOUDIMG_OWNER}, ...) of the image template and of the VM's user template, refreshed by merging
 * updates. A VM is ended with terminate-hard and waited for until DONE, since an image a VM still
 * uses cannot be deleted.
 */
public final class OpenNebulaDriver implements CloudDriver {
  static final int IMAGE_READY = 1;
  static final int IMAGE_ERROR = 5;
  static final int VM_ACTIVE = 3;
  static final int VM_DONE = 6;
  static final int VM_FAILED = 7;
  static final int LCM_RUNNING = 3;

  /** LCM states whose name ends in FAILURE, plus UNKNOWN (16): the VM will not come up. */
  static final Set<Integer> LCM_FAILED =
      Set.of(14, 16, 36, 37, 38, 39, 40, 41, 42, 44, 46, 47, 48, 49, 50);

  /** The error codes of the API reference that matter here. */
  static final int NO_EXISTS = 0x0400;

  static final int ACTION = 0x0800;

  /** The status a wrong-state error gets, like HTTP's conflict. */
  static final int ACTION_STATUS = 409;

  /** How the driver reaches the cloud and what it boots with. */
  public record Settings(
      URI endpoint,
      String session,
      int datastore,
      String network,
      int memoryMb,
      int cpus,
      Duration pollInterval) {}

  private final Settings settings;
  private final CloudHttp http = new CloudHttp("opennebula");
  private final Clock clock;

  public OpenNebulaDriver(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String type() {
    return "opennebula";
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    if (image.url() == null) {
      throw new CloudException(
          "opennebula imports the image from its published URL; " + image.name() + " has none");
    }
    Map<String, String> tags = build.tags(clock.instant());
    String name = uniqueName(image.name(), build);
    StringBuilder template = new StringBuilder();
    attribute(template, "NAME", name);
    attribute(template, "PATH", image.url().toString());
    attribute(template, "TYPE", "OS");
    if (image.format() != null && !image.format().isBlank()) {
      attribute(template, "DRIVER", image.format());
    }
    tags.forEach((k, v) -> attribute(template, attributeName(k), v));
    int id =
        (Integer) rpc(deadline, "one.image.allocate", template.toString(), settings.datastore());
    CloudResource resource =
        new CloudResource(CloudResource.Kind.IMAGE, String.valueOf(id), name, tags);
    try {
      awaitImageReady(id, deadline);
    } catch (CloudException e) {
      deleteAfterFailure(resource, e);
      throw e;
    }
    return resource;
  }

  private void awaitImageReady(int id, Deadline deadline) throws CloudException {
    while (true) {
      Element info = info(deadline, "one.image.info", id, "IMAGE");
      int state = Integer.parseInt(XmlDoc.text(info, "STATE"));
      if (state == IMAGE_READY) {
        return;
      }
      if (state == IMAGE_ERROR) {
        throw new CloudException(
            "opennebula: image "
                + id
                + " is in state ERROR: "
                + orElse(XmlDoc.text(info, "TEMPLATE/ERROR"), "no message"));
      }
      CloudHttp.pause(settings.pollInterval(), deadline);
    }
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    String network = spec.network() != null ? spec.network() : settings.network();
    if (network == null) {
      throw new CloudException("opennebula needs a network: set \"network\" for the cloud");
    }
    StringBuilder template = new StringBuilder();
    attribute(template, "NAME", spec.name());
    attribute(template, "MEMORY", String.valueOf(settings.memoryMb()));
    attribute(template, "CPU", String.valueOf(settings.cpus()));
    attribute(template, "VCPU", String.valueOf(settings.cpus()));
    vector(template, "DISK", Map.of("IMAGE_ID", image.id()));
    vector(template, "NIC", Map.of("NETWORK", network));
    Map<String, String> context = new LinkedHashMap<>();
    context.put("NETWORK", "YES");
    context.put("SET_HOSTNAME", spec.name());
    context.put("SSH_PUBLIC_KEY", spec.authorizedKey());
    context.put(
        "USERDATA",
        Base64.getEncoder().encodeToString(spec.userData().getBytes(StandardCharsets.UTF_8)));
    context.put("USERDATA_ENCODING", "base64");
    vector(template, "CONTEXT", context);
    spec.tags().forEach((k, v) -> attribute(template, attributeName(k), v));
    int id = (Integer) rpc(deadline, "one.vm.allocate", template.toString(), false);
    return List.of(
        new CloudResource(
            CloudResource.Kind.INSTANCE, String.valueOf(id), spec.name(), spec.tags()));
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    int id = Integer.parseInt(instance.id());
    while (true) {
      Element vm = info(deadline, "one.vm.info", id, "VM");
      int state = Integer.parseInt(XmlDoc.text(vm, "STATE"));
      int lcm = Integer.parseInt(orElse(XmlDoc.text(vm, "LCM_STATE"), "0"));
      if (state == VM_ACTIVE && lcm == LCM_RUNNING) {
        String ip = XmlDoc.text(vm, "TEMPLATE/NIC/IP");
        if (ip == null || ip.isEmpty()) {
          ip = XmlDoc.text(vm, "TEMPLATE/NIC/IP6_GLOBAL");
        }
        if (ip != null && !ip.isEmpty()) {
          return new InstanceAddress(ip, 22);
        }
      }
      if (state == VM_DONE || state == VM_FAILED || LCM_FAILED.contains(lcm)) {
        throw new CloudException(
            "opennebula: VM "
                + id
                + " failed (STATE "
                + state
                + ", LCM_STATE "
                + lcm
                + "): "
                + orElse(XmlDoc.text(vm, "USER_TEMPLATE/ERROR"), "no error message"));
      }
      CloudHttp.pause(settings.pollInterval(), deadline);
    }
  }

  /** OpenNebula's API has no serial console. */
  @Override
  public String consoleOutput(CloudResource instance) {
    return "";
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    int id = Integer.parseInt(resource.id());
    if (resource.kind() == CloudResource.Kind.IMAGE) {
      rpc(deadline, "one.image.delete", id);
      return;
    }
    try {
      rpc(deadline, "one.vm.action", "terminate-hard", id);
    } catch (CloudException e) {
      if (e.status() != ACTION_STATUS) {
        throw e;
      }
      // a VM in a state that refuses the action may already be DONE; the wait below tells
    }
    while (true) {
      Element vm = info(deadline, "one.vm.info", id, "VM");
      if (Integer.parseInt(XmlDoc.text(vm, "STATE")) == VM_DONE) {
        return;
      }
      CloudHttp.pause(settings.pollInterval(), deadline);
    }
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    String method =
        resource.kind() == CloudResource.Kind.IMAGE ? "one.image.update" : "one.vm.update";
    StringBuilder template = new StringBuilder();
    attribute(template, attributeName(BuildIdentity.TAG_HEARTBEAT), now.toString());
    rpc(null, method, Integer.parseInt(resource.id()), template.toString(), 1);
  }

  /**
   * Images before VMs, the order they are created in: a deployment's final sweep deletes in reverse
   * order, and an image cannot go while a VM uses it.
   */
  @Override
  public List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> owned = new ArrayList<>();
    Element images = pool("one.imagepool.info", "IMAGE_POOL", -2, -1, -1);
    for (Element image : XmlDoc.children(images, "IMAGE")) {
      add(owned, CloudResource.Kind.IMAGE, image, XmlDoc.child(image, "TEMPLATE"));
    }
    Element vms = pool("one.vmpool.info", "VM_POOL", -2, -1, -1, -1);
    for (Element vm : XmlDoc.children(vms, "VM")) {
      add(owned, CloudResource.Kind.INSTANCE, vm, XmlDoc.child(vm, "USER_TEMPLATE"));
    }
    return owned;
  }

  private static void add(
      List<CloudResource> owned, CloudResource.Kind kind, Element resource, Element template) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Element attribute : XmlDoc.elements(template)) {
      String name = attribute.getTagName();
      if (name.startsWith("CLOUDIMG_")) {
        tags.put(name.toLowerCase(Locale.ROOT).replace('_', '-'), attribute.getTextContent());
      }
    }
    if (tags.containsKey(BuildIdentity.TAG_OWNER)) {
      owned.add(
          new CloudResource(
              kind, XmlDoc.text(resource, "ID"), XmlDoc.text(resource, "NAME"), tags));
    }
  }

  private Element pool(String method, String root, Object... params) throws CloudException {
    return XmlDoc.parse((String) rpc(null, method, params), root);
  }

  private Element info(Deadline deadline, String method, int id, String root)
      throws CloudException {
    return XmlDoc.parse((String) rpc(deadline, method, id), root);
  }

  /**
   * Calls {@code method} with the session first; OpenNebula answers [success, value or message,
   * error code]. A failure becomes a CloudException whose status is 404 for NO_EXISTS (so a delete
   * of something gone counts as done), 409 for a wrong state, 401/403 for authentication.
   */
  private Object rpc(Deadline deadline, String method, Object... params) throws CloudException {
    List<Object> all = new ArrayList<>();
    all.add(settings.session());
    all.addAll(List.of(params));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.endpoint())
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(XmlRpc.call(method, all)));
    String body = http.send(request, deadline, method).body();
    Object answer;
    try {
      answer = XmlRpc.parseAnswer(body);
    } catch (XmlRpc.Fault fault) {
      throw new CloudException(
          "opennebula: " + method + ": fault " + fault.code() + ": " + fault.getMessage(),
          0,
          fault);
    }
    if (!(answer instanceof List<?> values) || values.size() < 2) {
      throw new CloudException("opennebula: " + method + ": unexpected answer " + answer);
    }
    if (Boolean.TRUE.equals(values.get(0))) {
      return values.get(1);
    }
    int code = values.size() > 2 && values.get(2) instanceof Integer c ? c : 0;
    throw new CloudException("opennebula: " + method + ": " + values.get(1), status(code), null);
  }

  private static int status(int code) {
    return switch (code) {
      case 0x0100 -> 401;
      case 0x0200 -> 403;
      case NO_EXISTS -> 404;
      case ACTION, 0x8000 -> ACTION_STATUS;
      default -> 500;
    };
  }

  private void deleteAfterFailure(CloudResource resource, CloudException failure) {
    CloudHttp.cleanUp(
        failure,
        () -> delete(resource, Deadline.in("delete " + resource, Duration.ofMinutes(1), clock)));
  }

  private static String uniqueName(String image, BuildIdentity build) {
    return build.deployment() == null ? image : image + "-" + build.deployment();
  }

  /** cloudimg-heartbeat becomes CLOUDIMG_HEARTBEAT: template attributes are upper case words. */
  static String attributeName(String tag) {
    return tag.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static void attribute(StringBuilder template, String name, String value) {
    template.append(name).append(" = ").append(quote(value)).append('\n');
  }

  private static void vector(StringBuilder template, String name, Map<String, String> values) {
    template.append(name).append(" = [\n");
    List<String> items = new ArrayList<>();
    values.forEach((k, v) -> items.add("  " + k + " = " + quote(v)));
    template.append(String.join(",\n", items)).append(" ]\n");
  }

  /** A template string: double quotes, with backslashes and quotes escaped. */
  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
