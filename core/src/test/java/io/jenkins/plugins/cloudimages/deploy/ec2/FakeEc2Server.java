package io.jenkins.plugins.cloudimages.deploy.ec2;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.cloudimages.deploy.FakeHttpApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FAKE EC2 and S3, not AWS: written from the Amazon EC2 API Reference (Query API, version
 * 2016-11-15: ImportSnapshot, DescribeImportSnapshotTasks, CancelImportTask, RegisterImage,
 * DescribeImages, DeregisterImage, DescribeSnapshots, DeleteSnapshot, RunInstances,
 * DescribeInstances, GetConsoleOutput, TerminateInstances, CreateTags; XML answers, {@code
 * <Response><Errors><Error><Code>/<Message>} errors) and the Amazon S3 API Reference (path-style
 * PutObject and DeleteObject). Every request's SigV4 signature is recomputed from what arrived on
 * the wire with the one secret it knows and refused (AuthFailure / SignatureDoesNotMatch) when it
 * differs. It is stateful: import tasks, images and instances stay pending for {@link
 * #pollsUntilReady} describes, terminated instances stay visible; a retried RunInstances with the
 * same ClientToken returns the same instance. Failures are injected per action (see {@link
 * FakeHttpApi}), plus a failing import and an instance that dies while starting.
 */
final class FakeEc2Server extends FakeHttpApi {
  static final String ACCESS_KEY = "AKIDFAKEEC2";
  static final String SECRET = "fake/ec2+secret";
  static final String REGION = "eu-fake-1";
  static final String BUCKET = "imports";
  private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + " ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

  private final class Resource {
    final String id;
    String state;
    int polls;
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, String> fields = new HashMap<>();

    Resource(String id, String state) {
      this.id = id;
      this.state = state;
    }
  }

  private final Map<String, Long> objects = new LinkedHashMap<>();
  private final Map<String, Resource> tasks = new LinkedHashMap<>();
  private final Map<String, Resource> snapshots = new LinkedHashMap<>();
  private final Map<String, Resource> images = new LinkedHashMap<>();
  private final Map<String, Resource> instances = new LinkedHashMap<>();
  private final Map<String, String> clientTokens = new HashMap<>();
  private final AtomicInteger ids = new AtomicInteger(1000);
  private final List<String> actions = new ArrayList<>();
  private final List<String> imports = new ArrayList<>();
  volatile int pollsUntilReady = 2;
  volatile String console = "";
  volatile boolean instancesNeverRun;
  volatile boolean noPublicIp;
  private String failNextImport;
  private String failNextBoot;
  private int instancesCreated;

  /** The next import ends in status deleted with this message. */
  synchronized void failNextImport(String message) {
    failNextImport = message;
  }

  /** The next instance goes from pending to terminated with this state reason. */
  synchronized void failNextBoot(String reason) {
    failNextBoot = reason;
  }

  @Override
  protected void handle(HttpExchange exchange, byte[] body) throws IOException {
    String method = exchange.getRequestMethod();
    boolean s3 = !("POST".equals(method) && "/".equals(exchange.getRequestURI().getPath()));
    String refusal = checkSignature(exchange, body, s3 ? "s3" : "ec2");
    if (refusal != null) {
      refusedSignatures.incrementAndGet();
      if (s3) {
        s3Error(exchange, 403, "SignatureDoesNotMatch", refusal);
      } else {
        ec2Error(exchange, 401, "AuthFailure", refusal);
      }
      return;
    }
    if (s3) {
      handleS3(exchange, method, body);
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    decodePairs(new String(body, StandardCharsets.UTF_8))
        .forEach(e -> params.put(e.getKey(), e.getValue()));
    String action = params.getOrDefault("Action", "");
    if (!Ec2Client.VERSION.equals(params.get("Version"))) {
      ec2Error(
          exchange, 400, "InvalidParameterValue", "unsupported Version " + params.get("Version"));
      return;
    }
    Failure failure = injectedFor(action);
    if (failure != null && !failure.afterCall()) {
      ec2Error(exchange, failure.status(), failure.code(), failure.message());
      return;
    }
    String answer;
    synchronized (this) {
      actions.add(action);
      try {
        answer = answer(action, params);
      } catch (Ec2Error e) {
        ec2Error(exchange, e.status, e.code, e.getMessage());
        return;
      }
    }
    if (failure != null) {
      ec2Error(exchange, failure.status(), failure.code(), failure.message());
      return;
    }
    respond(
        exchange,
        200,
        "text/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
            + action
            + "Response xmlns=\""
            + NS
            + "\"><requestId>req-"
            + requests()
            + "</requestId>"
            + answer
            + "</"
            + action
            + "Response>");
  }

  private static final class Ec2Error extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    Ec2Error(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  private String answer(String action, Map<String, String> p) throws Ec2Error {
    return switch (action) {
      case "ImportSnapshot" -> importSnapshot(p);
      case "DescribeImportSnapshotTasks" -> describeImportTasks(p);
      case "CancelImportTask" -> {
        Resource task = find(tasks, p.get("ImportTaskId"), "InvalidConversionTaskId.Malformed");
        String previous = task.state;
        task.state = "deleted";
        yield "<importTaskId>"
            + task.id
            + "</importTaskId><previousState>"
            + previous
            + "</previousState><state>deleting</state>";
      }
      case "RegisterImage" -> registerImage(p);
      case "DescribeImages" -> describeImages(p);
      case "DeregisterImage" -> {
        find(images, p.get("ImageId"), "InvalidAMIID.NotFound");
        images.remove(p.get("ImageId"));
        yield "<return>true</return>";
      }
      case "DescribeSnapshots" -> describeSnapshots(p);
      case "DeleteSnapshot" -> {
        String id = p.get("SnapshotId");
        find(snapshots, id, "InvalidSnapshot.NotFound");
        for (Resource image : images.values()) {
          if (id.equals(image.fields.get("snapshot"))) {
            throw new Ec2Error(
                400,
                "InvalidSnapshot.InUse",
                "The snapshot " + id + " is currently in use by " + image.id);
          }
        }
        snapshots.remove(id);
        yield "<return>true</return>";
      }
      case "RunInstances" -> runInstances(p);
      case "DescribeInstances" -> describeInstances(p);
      case "GetConsoleOutput" -> {
        Resource instance = find(instances, p.get("InstanceId"), "InvalidInstanceID.NotFound");
        yield "<instanceId>"
            + instance.id
            + "</instanceId><timestamp>"
            + Instant.now()
            + "</timestamp><output>"
            + Base64.getEncoder().encodeToString(console.getBytes(StandardCharsets.UTF_8))
            + "</output>";
      }
      case "TerminateInstances" -> {
        Resource instance = find(instances, p.get("InstanceId.1"), "InvalidInstanceID.NotFound");
        String previous = instance.state;
        if (!instance.state.equals("terminated")) {
          instance.state = "shutting-down";
          instance.polls = 0;
        }
        yield "<instancesSet><item><instanceId>"
            + instance.id
            + "</instanceId><currentState><code>32</code><name>"
            + instance.state
            + "</name></currentState><previousState><code>16</code><name>"
            + previous
            + "</name></previousState></item></instancesSet>";
      }
      case "CreateTags" -> {
        for (int i = 1; p.containsKey("ResourceId." + i); i++) {
          String id = p.get("ResourceId." + i);
          Resource r = any(id);
          if (r == null) {
            throw new Ec2Error(400, notFoundCode(id), "The ID '" + id + "' does not exist");
          }
          r.tags.putAll(tags(p, "Tag."));
        }
        yield "<return>true</return>";
      }
      default -> throw new Ec2Error(400, "InvalidAction", "The action " + action + " is not valid");
    };
  }

  private String importSnapshot(Map<String, String> p) throws Ec2Error {
    String bucket = p.get("DiskContainer.UserBucket.S3Bucket");
    String key = p.get("DiskContainer.UserBucket.S3Key");
    String format = p.get("DiskContainer.Format");
    if (!List.of("RAW", "VMDK", "VHD").contains(format)) {
      throw new Ec2Error(400, "InvalidParameter", "unsupported DiskContainer.Format " + format);
    }
    Resource task = new Resource("import-snap-" + ids.incrementAndGet(), "active");
    if (bucket != null && !objects.containsKey(bucket + "/" + key)) {
      task.state = "deleted";
      task.fields.put("message", "ClientError: S3 object " + bucket + "/" + key + " not found");
    } else if (bucket == null && p.get("DiskContainer.Url") == null) {
      throw new Ec2Error(400, "MissingParameter", "DiskContainer needs UserBucket or Url");
    }
    if (failNextImport != null) {
      task.fields.put("fail", failNextImport);
      failNextImport = null;
    }
    task.tags.putAll(tagSpecification(p, "import-snapshot-task"));
    imports.add(format + " " + (bucket == null ? p.get("DiskContainer.Url") : bucket + "/" + key));
    tasks.put(task.id, task);
    return "<importTaskId>"
        + task.id
        + "</importTaskId><snapshotTaskDetail><status>"
        + task.state
        + "</status></snapshotTaskDetail>";
  }

  private String describeImportTasks(Map<String, String> p) throws Ec2Error {
    Resource task = find(tasks, p.get("ImportTaskId.1"), "InvalidConversionTaskId.Malformed");
    if (task.state.equals("active") && ++task.polls >= pollsUntilReady) {
      if (task.fields.containsKey("fail")) {
        task.state = "deleted";
        task.fields.put("message", task.fields.get("fail"));
      } else {
        Resource snapshot = new Resource("snap-" + ids.incrementAndGet(), "completed");
        snapshots.put(snapshot.id, snapshot);
        task.state = "completed";
        task.fields.put("snapshot", snapshot.id);
      }
    }
    return "<importSnapshotTaskSet><item><importTaskId>"
        + task.id
        + "</importTaskId><snapshotTaskDetail><status>"
        + task.state
        + "</status>"
        + element("statusMessage", task.fields.get("message"))
        + element("snapshotId", task.fields.get("snapshot"))
        + "</snapshotTaskDetail>"
        + tagSet(task)
        + "</item></importSnapshotTaskSet>";
  }

  private String registerImage(Map<String, String> p) throws Ec2Error {
    String snapshot = p.get("BlockDeviceMapping.1.Ebs.SnapshotId");
    find(snapshots, snapshot, "InvalidSnapshot.NotFound");
    if (!"/dev/xvda".equals(p.get("RootDeviceName")) || p.get("Name") == null) {
      throw new Ec2Error(400, "InvalidParameterValue", "RootDeviceName and Name are required");
    }
    Resource image = new Resource("ami-" + ids.incrementAndGet(), "pending");
    image.fields.put("snapshot", snapshot);
    image.fields.put("name", p.get("Name"));
    image.tags.putAll(tagSpecification(p, "image"));
    images.put(image.id, image);
    return "<imageId>" + image.id + "</imageId>";
  }

  private String describeImages(Map<String, String> p) throws Ec2Error {
    List<Resource> selected = new ArrayList<>();
    if (p.containsKey("ImageId.1")) {
      selected.add(find(images, p.get("ImageId.1"), "InvalidAMIID.NotFound"));
    } else {
      images.values().stream().filter(r -> matchesTagKey(r, p)).forEach(selected::add);
    }
    StringBuilder out = new StringBuilder("<imagesSet>");
    for (Resource image : selected) {
      if (image.state.equals("pending") && ++image.polls >= pollsUntilReady) {
        image.state = "available";
      }
      out.append("<item><imageId>")
          .append(image.id)
          .append("</imageId><imageState>")
          .append(image.state)
          .append("</imageState>")
          .append(element("name", image.fields.get("name")))
          .append("<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>")
          .append(image.fields.get("snapshot"))
          .append("</snapshotId></ebs></item></blockDeviceMapping>")
          .append(tagSet(image))
          .append("</item>");
    }
    return out.append("</imagesSet>").toString();
  }

  private String describeSnapshots(Map<String, String> p) {
    StringBuilder out = new StringBuilder("<snapshotSet>");
    for (Resource snapshot : snapshots.values()) {
      if (matchesTagKey(snapshot, p)) {
        out.append("<item><snapshotId>")
            .append(snapshot.id)
            .append("</snapshotId><status>completed</status>")
            .append(tagSet(snapshot))
            .append("</item>");
      }
    }
    return out.append("</snapshotSet>").toString();
  }

  private String runInstances(Map<String, String> p) throws Ec2Error {
    String token = p.get("ClientToken");
    Resource instance = token == null ? null : instances.get(clientTokens.get(token));
    if (instance == null) {
      Resource image = find(images, p.get("ImageId"), "InvalidAMIID.NotFound");
      if (!image.state.equals("available")) {
        throw new Ec2Error(
            400, "InvalidAMIID.Unavailable", "AMI " + image.id + " is " + image.state);
      }
      if (p.get("InstanceType") == null || p.get("UserData") == null) {
        throw new Ec2Error(400, "MissingParameter", "InstanceType and UserData expected");
      }
      instance = new Resource("i-" + Integer.toHexString(ids.incrementAndGet()), "pending");
      instancesCreated++;
      instance.fields.put("image", image.id);
      instance.fields.put("type", p.get("InstanceType"));
      instance.fields.put(
          "subnet", p.getOrDefault("SubnetId", p.getOrDefault("NetworkInterface.1.SubnetId", "")));
      instance.fields.put(
          "userData",
          new String(Base64.getDecoder().decode(p.get("UserData")), StandardCharsets.UTF_8));
      if (failNextBoot != null) {
        instance.fields.put("fail", failNextBoot);
        failNextBoot = null;
      }
      instance.tags.putAll(tagSpecification(p, "instance"));
      instances.put(instance.id, instance);
      if (token != null) {
        clientTokens.put(token, instance.id);
      }
    }
    return "<reservationId>r-1</reservationId><ownerId>123456789012</ownerId><instancesSet><item>"
        + "<instanceId>"
        + instance.id
        + "</instanceId><imageId>"
        + instance.fields.get("image")
        + "</imageId><instanceState><code>0</code><name>"
        + instance.state
        + "</name></instanceState></item></instancesSet>";
  }

  private String describeInstances(Map<String, String> p) throws Ec2Error {
    List<Resource> selected = new ArrayList<>();
    if (p.containsKey("InstanceId.1")) {
      selected.add(find(instances, p.get("InstanceId.1"), "InvalidInstanceID.NotFound"));
    } else {
      List<String> states = new ArrayList<>();
      for (int i = 1; p.containsKey("Filter.2.Value." + i); i++) {
        states.add(p.get("Filter.2.Value." + i));
      }
      instances.values().stream()
          .filter(r -> matchesTagKey(r, p) && (states.isEmpty() || states.contains(r.state)))
          .forEach(selected::add);
    }
    StringBuilder out =
        new StringBuilder("<reservationSet><item><reservationId>r-1</reservationId><instancesSet>");
    for (Resource instance : selected) {
      advance(instance);
      boolean running = instance.state.equals("running");
      out.append("<item><instanceId>")
          .append(instance.id)
          .append("</instanceId><imageId>")
          .append(instance.fields.get("image"))
          .append("</imageId><instanceState><name>")
          .append(instance.state)
          .append("</name></instanceState><instanceType>")
          .append(instance.fields.get("type"))
          .append("</instanceType>")
          .append(
              running
                  ? "<privateIpAddress>10.0.0.5</privateIpAddress>"
                      + (noPublicIp ? "" : "<ipAddress>127.0.0.1</ipAddress>")
                  : "")
          .append(
              instance.fields.containsKey("reason")
                  ? "<stateReason><code>Server.InternalError</code><message>"
                      + instance.fields.get("reason")
                      + "</message></stateReason>"
                  : "")
          .append(tagSet(instance))
          .append("</item>");
    }
    return out.append("</instancesSet></item></reservationSet>").toString();
  }

  private void advance(Resource instance) {
    if (++instance.polls < pollsUntilReady) {
      return;
    }
    if (instance.state.equals("pending") && !instancesNeverRun) {
      if (instance.fields.containsKey("fail")) {
        instance.state = "terminated";
        instance.fields.put("reason", instance.fields.get("fail"));
      } else {
        instance.state = "running";
      }
    } else if (instance.state.equals("shutting-down")) {
      instance.state = "terminated";
    }
  }

  private void handleS3(HttpExchange exchange, String method, byte[] body) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String bucket =
        path.substring(1, path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1));
    String action = "S3 " + method;
    Failure failure = injectedFor(action);
    if (failure != null) {
      s3Error(exchange, failure.status(), failure.code(), failure.message());
      return;
    }
    if (!BUCKET.equals(bucket)) {
      s3Error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist");
      return;
    }
    String object = path.substring(1);
    synchronized (this) {
      actions.add(action);
      if (method.equals("PUT")) {
        objects.put(object, (long) body.length);
      } else if (method.equals("DELETE")) {
        objects.remove(object);
      } else {
        s3Error(exchange, 405, "MethodNotAllowed", method);
        return;
      }
    }
    respond(exchange, method.equals("PUT") ? 200 : 204, "application/xml", "");
  }

  /** Null when the request carries a valid signature from the known key, else why not. */
  private String checkSignature(HttpExchange exchange, byte[] body, String service) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
    if (m == null || !m.matches()) {
      return "missing or malformed Authorization header";
    }
    if (!ACCESS_KEY.equals(m.group(1))) {
      return "unknown access key " + m.group(1);
    }
    if (!REGION.equals(m.group(3)) || !service.equals(m.group(4))) {
      return "credential scope "
          + m.group(3)
          + "/"
          + m.group(4)
          + " is not "
          + REGION
          + "/"
          + service;
    }
    String amzDate = exchange.getRequestHeaders().getFirst("x-amz-date");
    if (amzDate == null || !amzDate.startsWith(m.group(2))) {
      return "x-amz-date " + amzDate + " does not match the credential scope";
    }
    Instant time = SigV4.parseAmzDate(amzDate);
    if (Duration.between(time, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
      return "request time too skewed";
    }
    String payloadHash = SigV4.sha256Hex(body);
    if (service.equals("s3")) {
      String declared = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
      if (declared == null) {
        return "x-amz-content-sha256 missing";
      }
      if (!declared.equals(SigV4.UNSIGNED_PAYLOAD) && !declared.equals(payloadHash)) {
        return "x-amz-content-sha256 does not match the body (XAmzContentSHA256Mismatch)";
      }
      payloadHash = declared;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : m.group(5).split(";")) {
      List<String> values = exchange.getRequestHeaders().get(name);
      if (values == null) {
        return "signed header " + name + " missing";
      }
      if (!name.equals("x-amz-date")) {
        headers.put(name, values);
      }
    }
    SigV4.Request request =
        new SigV4.Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            decodePairs(exchange.getRequestURI().getRawQuery()),
            headers,
            payloadHash);
    String expected =
        new SigV4(REGION, service, !service.equals("s3"))
            .sign(request, new SigV4.Credentials(ACCESS_KEY, SECRET, null), time)
            .signature();
    return expected.equals(m.group(6))
        ? null
        : "The request signature we calculated does not match the signature you provided";
  }

  // ---- state for the tests

  /** Everything that still costs money: S3 objects, live tasks, snapshots, images, instances. */
  synchronized int live() {
    int alive =
        (int)
            instances.values().stream()
                .filter(i -> !i.state.equals("terminated") && !i.state.equals("shutting-down"))
                .count();
    int activeTasks = (int) tasks.values().stream().filter(t -> t.state.equals("active")).count();
    return objects.size() + activeTasks + snapshots.size() + images.size() + alive;
  }

  synchronized String describe() {
    return "objects="
        + objects.keySet()
        + " tasks="
        + states(tasks)
        + " snapshots="
        + snapshots.keySet()
        + " images="
        + states(images)
        + " instances="
        + states(instances);
  }

  private static Map<String, String> states(Map<String, Resource> resources) {
    Map<String, String> states = new LinkedHashMap<>();
    resources.forEach((id, r) -> states.put(id, r.state));
    return states;
  }

  synchronized int instancesCreated() {
    return instancesCreated;
  }

  synchronized int objects() {
    return objects.size();
  }

  /** "FORMAT bucket/key" (or URL) of every import. */
  synchronized List<String> imports() {
    return List.copyOf(imports);
  }

  synchronized List<String> actions() {
    return List.copyOf(actions);
  }

  synchronized Map<String, String> instanceFields(String id) {
    return Map.copyOf(instances.get(id).fields);
  }

  synchronized Map<String, String> tagsOf(String id) {
    Resource r = any(id);
    return r == null ? null : Map.copyOf(r.tags);
  }

  /** Creates a tagged, running instance from an available image, as another build left them. */
  synchronized List<String> seed(Map<String, String> tags) {
    Resource snapshot = new Resource("snap-" + ids.incrementAndGet(), "completed");
    snapshot.tags.putAll(tags);
    snapshots.put(snapshot.id, snapshot);
    Resource image = new Resource("ami-" + ids.incrementAndGet(), "available");
    image.fields.put("snapshot", snapshot.id);
    image.tags.putAll(tags);
    images.put(image.id, image);
    Resource instance = new Resource("i-" + Integer.toHexString(ids.incrementAndGet()), "running");
    instance.fields.put("image", image.id);
    instance.tags.putAll(tags);
    instances.put(instance.id, instance);
    Resource orphan = new Resource("snap-" + ids.incrementAndGet(), "completed");
    orphan.tags.putAll(tags);
    snapshots.put(orphan.id, orphan);
    return List.of(instance.id, image.id, snapshot.id, orphan.id);
  }

  // ---- helpers

  private Resource any(String id) {
    for (Map<String, Resource> kind : List.of(instances, images, snapshots, tasks)) {
      if (kind.containsKey(id)) {
        return kind.get(id);
      }
    }
    return null;
  }

  private static String notFoundCode(String id) {
    if (id.startsWith("i-")) {
      return "InvalidInstanceID.NotFound";
    }
    return id.startsWith("ami-") ? "InvalidAMIID.NotFound" : "InvalidSnapshot.NotFound";
  }

  private static Resource find(Map<String, Resource> resources, String id, String code)
      throws Ec2Error {
    Resource r = id == null ? null : resources.get(id);
    if (r == null) {
      throw new Ec2Error(400, code, "The ID '" + id + "' does not exist");
    }
    return r;
  }

  private static boolean matchesTagKey(Resource r, Map<String, String> p) {
    return !"tag-key".equals(p.get("Filter.1.Name"))
        || r.tags.containsKey(p.get("Filter.1.Value.1"));
  }

  private static Map<String, String> tags(Map<String, String> p, String prefix) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; p.containsKey(prefix + i + ".Key"); i++) {
      tags.put(p.get(prefix + i + ".Key"), p.getOrDefault(prefix + i + ".Value", ""));
    }
    return tags;
  }

  private static Map<String, String> tagSpecification(Map<String, String> p, String type) {
    for (int i = 1; p.containsKey("TagSpecification." + i + ".ResourceType"); i++) {
      if (type.equals(p.get("TagSpecification." + i + ".ResourceType"))) {
        return tags(p, "TagSpecification." + i + ".Tag.");
      }
    }
    return Map.of();
  }

  private static String tagSet(Resource r) {
    StringBuilder out = new StringBuilder("<tagSet>");
    r.tags.forEach(
        (k, v) ->
            out.append("<item><key>")
                .append(escape(k))
                .append("</key><value>")
                .append(escape(v))
                .append("</value></item>"));
    return out.append("</tagSet>").toString();
  }

  private static String element(String name, String value) {
    return value == null ? "" : "<" + name + ">" + escape(value) + "</" + name + ">";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private void ec2Error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    respond(
        exchange,
        status,
        "text/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
            + code
            + "</Code><Message>"
            + escape(message)
            + "</Message></Error></Errors><RequestID>req-"
            + requests()
            + "</RequestID></Response>");
  }

  private static void s3Error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    respond(
        exchange,
        status,
        "application/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + escape(message)
            + "</Message></Error>");
  }
}
