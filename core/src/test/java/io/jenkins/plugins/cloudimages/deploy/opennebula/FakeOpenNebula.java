package io.jenkins.plugins.cloudimages.deploy.opennebula;

import io.jenkins.plugins.cloudimages.testing.FakeHttpServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FAKE OpenNebula front-end, not a real one: the XML-RPC API at /RPC2 as OpenNebula's "XML-RPC
 * API" reference describes it (answers [success, value or message, error code]; the session
 * "user:password" first in every call, checked on every call; NO_EXISTS 0x0400, ACTION 0x0800,
 * AUTHENTICATION 0x0100). Stateful: images go LOCKED then READY (or ERROR), are USED while a VM
 * uses them and cannot be deleted then; VMs go PENDING, then ACTIVE with LCM PROLOG, BOOT, RUNNING
 * (or BOOT_FAILURE with an ERROR message, or stay in BOOT), and after terminate-hard EPILOG then
 * DONE. Faults: an injected error answer per method, plus the HTTP faults of {@link
 * FakeHttpServer}.
 */
final class FakeOpenNebula extends FakeHttpServer {
  static final String SESSION = "oneadmin:opensesame";
  static final String NETWORK = "private";

  private final Map<Integer, Image> images = new LinkedHashMap<>();
  private final Map<Integer, Vm> vms = new LinkedHashMap<>();
  private final Map<String, Integer> failingMethods = new LinkedHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(10);
  volatile int pollsToReady = 2;
  volatile int pollsToRun = 3;
  volatile boolean imagesFail;
  volatile boolean vmsFail;
  volatile boolean vmsHang;
  final List<String> methods = new ArrayList<>();

  static final class Image {
    final int id;
    final Map<String, String> attributes;
    int state = 4;
    int polls;
    int users;

    Image(int id, Map<String, String> attributes) {
      this.id = id;
      this.attributes = attributes;
    }
  }

  static final class Vm {
    final int id;
    final Map<String, String> attributes;
    final int image;
    int state = 1;
    int lcm;
    int polls;
    boolean terminating;

    Vm(int id, Map<String, String> attributes, int image) {
      this.id = id;
      this.attributes = attributes;
      this.image = image;
    }
  }

  FakeOpenNebula() {
    route("POST", "/RPC2", request -> Response.text(200, "text/xml", answer(request.text())));
  }

  URI endpoint() {
    return uri().resolve("/RPC2");
  }

  /** The next {@code times} calls of {@code method} answer an INTERNAL error. */
  synchronized void failNextCall(String method, int times) {
    failingMethods.put(method, times);
  }

  synchronized int leftovers() {
    return (int) (images.size() + vms.values().stream().filter(v -> v.state != 6).count());
  }

  synchronized Map<String, String> vmAttributes(int id) {
    return Map.copyOf(vms.get(id).attributes);
  }

  synchronized boolean running(int id) {
    Vm vm = vms.get(id);
    return vm != null && vm.state == 3 && vm.lcm == 3;
  }

  synchronized void forget(int vmId) {
    Vm vm = vms.remove(vmId);
    if (vm != null && images.containsKey(vm.image)) {
      images.get(vm.image).users--;
    }
  }

  private synchronized String answer(String xml) throws Exception {
    XmlRpc.Call call = XmlRpc.parseCall(xml);
    methods.add(call.method());
    List<Object> p = call.params();
    if (p.isEmpty() || !SESSION.equals(p.get(0))) {
      return error(call.method(), "User couldn't be authenticated, aborting call.", 0x0100);
    }
    Integer failures = failingMethods.get(call.method());
    if (failures != null && failures > 0) {
      failingMethods.put(call.method(), failures - 1);
      return error(call.method(), "injected internal error", 0x2000);
    }
    return switch (call.method()) {
      case "one.image.allocate" -> imageAllocate((String) p.get(1), (Integer) p.get(2));
      case "one.image.info" -> imageInfo((Integer) p.get(1));
      case "one.image.delete" -> imageDelete((Integer) p.get(1));
      case "one.image.update" -> update(images.get((Integer) p.get(1)), p, "one.image.update");
      case "one.vm.allocate" -> vmAllocate((String) p.get(1));
      case "one.vm.info" -> vmInfo((Integer) p.get(1));
      case "one.vm.action" -> vmAction((String) p.get(1), (Integer) p.get(2));
      case "one.vm.update" -> update(vms.get((Integer) p.get(1)), p, "one.vm.update");
      case "one.vmpool.info" -> ok(vmPool());
      case "one.imagepool.info" -> ok(imagePool());
      default -> XmlRpc.fault(-501, "unknown method " + call.method());
    };
  }

  private String imageAllocate(String template, int datastore) {
    Map<String, String> attributes = parseTemplate(template);
    String path = attributes.get("PATH");
    if (path == null || !path.matches("https?://.+")) {
      return error("one.image.allocate", "PATH is not an URL: " + path, 0x1000);
    }
    if (datastore != 1) {
      return error("one.image.allocate", "Error getting datastore [" + datastore + "]", 0x0400);
    }
    int id = ids.incrementAndGet();
    images.put(id, new Image(id, attributes));
    return ok(id);
  }

  private String imageInfo(int id) {
    Image image = images.get(id);
    if (image == null) {
      return error("one.image.info", "Error getting image [" + id + "].", 0x0400);
    }
    if (image.state == 4 && ++image.polls >= pollsToReady) {
      image.state = imagesFail ? 5 : 1;
      if (imagesFail) {
        image.attributes.put("ERROR", "Error copying image in the datastore: HTTP 404");
      }
    }
    return ok(imageXml(image));
  }

  private String imageDelete(int id) {
    Image image = images.get(id);
    if (image == null) {
      return error("one.image.delete", "Error getting image [" + id + "].", 0x0400);
    }
    if (image.users > 0) {
      return error("one.image.delete", "Cannot delete image, it is being used by a VM", 0x0800);
    }
    images.remove(id);
    return ok(id);
  }

  private String vmAllocate(String template) {
    Map<String, String> attributes = parseTemplate(template);
    Image image = images.get(Integer.parseInt(attributes.getOrDefault("DISK.IMAGE_ID", "-1")));
    if (image == null || image.state != 1 && image.state != 2) {
      return error("one.vm.allocate", "Image is not READY", 0x4000);
    }
    if (!NETWORK.equals(attributes.get("NIC.NETWORK"))) {
      return error(
          "one.vm.allocate",
          "Error getting virtual network " + attributes.get("NIC.NETWORK"),
          0x4000);
    }
    image.users++;
    image.state = 2;
    int id = ids.incrementAndGet();
    vms.put(id, new Vm(id, attributes, image.id));
    return ok(id);
  }

  private String vmInfo(int id) {
    Vm vm = vms.get(id);
    if (vm == null) {
      return error("one.vm.info", "Error getting virtual machine [" + id + "].", 0x0400);
    }
    vm.polls++;
    if (vm.terminating) {
      vm.state = 6;
      vm.lcm = 0;
      Image image = images.get(vm.image);
      if (image != null && --image.users == 0) {
        image.state = 1;
      }
      vm.terminating = false;
    } else if (vm.state == 1 && vm.polls >= 1) {
      vm.state = 3;
      vm.lcm = 1;
    } else if (vm.state == 3 && vm.lcm == 1) {
      vm.lcm = 2;
    } else if (vm.state == 3 && vm.lcm == 2 && vm.polls >= pollsToRun && !vmsHang) {
      vm.lcm = vmsFail ? 36 : 3;
      if (vmsFail) {
        vm.attributes.put("ERROR", "Error executing image transfer script: no space left");
      }
    }
    return ok(vmXml(vm));
  }

  private String vmAction(String action, int id) {
    Vm vm = vms.get(id);
    if (vm == null) {
      return error("one.vm.action", "Error getting virtual machine [" + id + "].", 0x0400);
    }
    if (!action.equals("terminate-hard")) {
      return error("one.vm.action", "unsupported action " + action, 0x1000);
    }
    if (vm.state == 6 || vm.terminating) {
      return error("one.vm.action", "Wrong state to perform action", 0x0800);
    }
    vm.state = 3;
    vm.lcm = 11;
    vm.terminating = true;
    return ok(id);
  }

  private String update(Object target, List<Object> p, String method) {
    if (target == null) {
      return error(method, "Error getting object [" + p.get(1) + "].", 0x0400);
    }
    if (!Integer.valueOf(1).equals(p.get(3))) {
      return error(method, "only merge updates are expected", 0x1000);
    }
    Map<String, String> attributes =
        target instanceof Vm vm ? vm.attributes : ((Image) target).attributes;
    attributes.putAll(parseTemplate((String) p.get(2)));
    return ok(p.get(1));
  }

  private String vmPool() {
    StringBuilder xml = new StringBuilder("<VM_POOL>");
    vms.values().stream().filter(vm -> vm.state != 6).forEach(vm -> xml.append(vmXml(vm)));
    return xml.append("</VM_POOL>").toString();
  }

  private String imagePool() {
    StringBuilder xml = new StringBuilder("<IMAGE_POOL>");
    images.values().forEach(image -> xml.append(imageXml(image)));
    return xml.append("</IMAGE_POOL>").toString();
  }

  private static String imageXml(Image image) {
    StringBuilder xml = new StringBuilder("<IMAGE><ID>" + image.id + "</ID>");
    xml.append("<NAME>").append(XmlRpc.escape(image.attributes.get("NAME"))).append("</NAME>");
    xml.append("<STATE>").append(image.state).append("</STATE>");
    xml.append("<RUNNING_VMS>").append(image.users).append("</RUNNING_VMS><TEMPLATE>");
    image.attributes.forEach((k, v) -> element(xml, k, v));
    return xml.append("</TEMPLATE></IMAGE>").toString();
  }

  private static String vmXml(Vm vm) {
    StringBuilder xml = new StringBuilder("<VM><ID>" + vm.id + "</ID>");
    xml.append("<NAME>").append(XmlRpc.escape(vm.attributes.get("NAME"))).append("</NAME>");
    xml.append("<STATE>").append(vm.state).append("</STATE>");
    xml.append("<LCM_STATE>").append(vm.lcm).append("</LCM_STATE><TEMPLATE>");
    xml.append("<NIC><NETWORK>").append(NETWORK).append("</NETWORK>");
    if (vm.state == 3 && vm.lcm == 3) {
      xml.append("<IP>10.1.0.").append(vm.id % 250).append("</IP>");
    }
    xml.append("</NIC><CONTEXT>");
    vm.attributes.forEach(
        (k, v) -> {
          if (k.startsWith("CONTEXT.")) {
            element(xml, k.substring("CONTEXT.".length()), v);
          }
        });
    xml.append("</CONTEXT></TEMPLATE><USER_TEMPLATE>");
    vm.attributes.forEach(
        (k, v) -> {
          if (!k.contains(".") && !List.of("NAME", "MEMORY", "CPU", "VCPU").contains(k)) {
            element(xml, k, v);
          }
        });
    return xml.append("</USER_TEMPLATE></VM>").toString();
  }

  private static void element(StringBuilder xml, String name, String value) {
    xml.append('<').append(name).append("><![CDATA[").append(value).append("]]></");
    xml.append(name).append('>');
  }

  private static final Pattern TOKEN =
      Pattern.compile("\\s*(?:([A-Z0-9_]+)\\s*=\\s*(\\[|\"((?:[^\"\\\\]|\\\\.)*)\")|(\\])|(,))");

  /**
   * The template syntax of the reference: {@code NAME = "value"} and {@code VECTOR = [ KEY =
   * "value", ... ]}; vector members come back as {@code VECTOR.KEY}.
   */
  static Map<String, String> parseTemplate(String template) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher m = TOKEN.matcher(template);
    String vector = null;
    int at = skipSpace(template, 0);
    while (at < template.length()) {
      m.region(at, template.length());
      if (!m.lookingAt()) {
        throw new IllegalArgumentException("template syntax error at " + template.substring(at));
      }
      if (m.group(4) != null) {
        vector = null;
      } else if (m.group(1) != null && "[".equals(m.group(2))) {
        vector = m.group(1);
      } else if (m.group(1) != null) {
        String value = m.group(3).replaceAll("\\\\(.)", "$1");
        attributes.put(vector == null ? m.group(1) : vector + "." + m.group(1), value);
      }
      at = skipSpace(template, m.end());
    }
    return attributes;
  }

  private static int skipSpace(String text, int at) {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }

  private static String ok(Object value) {
    return XmlRpc.answer(List.of(true, value, 0));
  }

  private static String error(String method, String message, int code) {
    return XmlRpc.answer(List.of(false, "[" + method + "] " + message, code));
  }
}
