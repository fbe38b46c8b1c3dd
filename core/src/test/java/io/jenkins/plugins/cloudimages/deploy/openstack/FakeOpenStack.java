package io.jenkins.plugins.cloudimages.deploy.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FAKE OpenStack for tests, not a real cloud: an HTTP server on 127.0.0.1 written from the public
 * API references at docs.openstack.org/api-ref (Identity v3 and v2.0, Image v2 and v1, Compute
 * v2.1, Networking v2.0), implementing only what the driver uses, with their paths, bodies, headers
 * and status codes. It is stateful: tokens (checked on every service call, expiring on demand), a
 * catalog with two regions and three interfaces, images (queued until their data arrives, whose
 * length must match Content-Length), servers (BUILD, then ACTIVE or ERROR with a fault, or BUILD
 * for ever), ports, floating IPs on an external network. Faults can be injected per method and
 * path.
 */
final class FakeOpenStack implements AutoCloseable {
  static final String USER = "demo";
  static final String PASSWORD = "s3cret";
  static final String PROJECT = "cloudimg-ci";
  static final String PROJECT_ID = "p-0123";
  static final String DOMAIN = "Default";
  static final String APP_CREDENTIAL_ID = "ac-42";
  static final String APP_CREDENTIAL_SECRET = "ac-secret";
  static final String REGION = "RegionOne";
  static final String PRIVATE_NET = "net-private";
  static final String PUBLIC_NET = "net-public";
  static final Map<String, String> FLAVORS = Map.of("1", "m1.tiny", "2", "m1.small");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LIMIT = 2;
  private static final Set<String> DISK_FORMATS =
      Set.of("qcow2", "raw", "vmdk", "vhd", "vhdx", "vdi", "iso", "ploop");

  /** How a new server ends its BUILD. */
  enum Boot {
    ACTIVE,
    ERROR,
    NEVER
  }

  /** One image upload as received. */
  record Upload(String imageId, long bytes, String sha256, String api) {}

  private record Fault(String method, Pattern path, int status, AtomicInteger left) {}

  private final HttpServer http;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final String base;

  private final Map<String, Instant> tokens = new LinkedHashMap<>();
  private final Map<String, ObjectNode> images = new LinkedHashMap<>();
  private final Map<String, ObjectNode> servers = new LinkedHashMap<>();
  private final Map<String, Integer> serverPolls = new LinkedHashMap<>();
  private final Map<String, ObjectNode> ports = new LinkedHashMap<>();
  private final Map<String, ObjectNode> floatingIps = new LinkedHashMap<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<Upload> uploads = new CopyOnWriteArrayList<>();
  final List<String> userData = new CopyOnWriteArrayList<>();
  final List<JsonNode> bootRequests = new CopyOnWriteArrayList<>();
  final AtomicInteger authentications = new AtomicInteger();
  final AtomicInteger refusedTokens = new AtomicInteger();

  private volatile boolean imageV2 = true;

  private volatile Boot boot = Boot.ACTIVE;
  private volatile int bootPolls = 1;
  private volatile String fault = "No valid host was found. There are not enough hosts available.";
  private volatile String fixedAddress = "10.0.0.";
  private volatile String floatingAddress = "203.0.113.";
  private volatile Function<String, String> console = id -> "fake console of " + id + "\n";
  private volatile Consumer<String> onBoot = data -> {};
  private int counter;

  private FakeOpenStack(HttpServer http) {
    this.http = http;
    this.base = "http://127.0.0.1:" + http.getAddress().getPort();
    http.createContext("/", this::handle);
    http.setExecutor(executor);
  }

  static FakeOpenStack start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeOpenStack fake = new FakeOpenStack(server);
    server.start();
    return fake;
  }

  String identityV3() {
    return base + "/identity/v3";
  }

  String identityV2() {
    return base + "/identity/v2.0";
  }

  /**
   * The clouds-file entry of this fake: Keystone v3 with the password in a credentials file under
   * {@code dir}, the m1.small flavor, the private network, fast polling; {@code options} are extra
   * key, value pairs.
   */
  CloudSettings cloud(Path dir, String... options) throws IOException {
    Path credentials = dir.resolve("openstack-credentials-" + UUID.randomUUID());
    Files.writeString(
        credentials, "username=" + USER + "\npassword=" + PASSWORD + "\nproject=" + PROJECT + "\n");
    Map<String, String> all = new LinkedHashMap<>();
    all.put("region", REGION);
    all.put("pollInterval", "20ms");
    all.put("requestTimeout", "5s");
    for (int i = 0; i + 1 < options.length; i += 2) {
      all.put(options[i], options[i + 1]);
    }
    return new CloudSettings(
        "fake-openstack", "openstack", identityV3(), null, credentials, "m1.small", "private", all);
  }

  // --- knobs for the tests

  /** The next {@code times} requests of {@code method} on a path matching {@code path} fail. */
  void fail(String method, String path, int status, int times) {
    faults.add(new Fault(method, Pattern.compile(path), status, new AtomicInteger(times)));
  }

  void clearFaults() {
    faults.clear();
  }

  void imageV2(boolean served) {
    imageV2 = served;
  }

  /** New servers end their BUILD this way after {@code polls} reads. */
  void boot(Boot outcome, int polls) {
    boot = outcome;
    bootPolls = polls;
  }

  void faultMessage(String message) {
    fault = message;
  }

  /** Every fixed address is {@code address} (e.g. 127.0.0.1 for a loopback sshd). */
  void fixedAddress(String address) {
    fixedAddress = address;
  }

  void floatingAddress(String address) {
    floatingAddress = address;
  }

  void console(Function<String, String> text) {
    console = text;
  }

  /** Called with the decoded user data of each server booted. */
  void onBoot(Consumer<String> hook) {
    onBoot = hook;
  }

  /** Every token issued so far is refused from now on (as after its expiry). */
  synchronized void expireTokens() {
    tokens.replaceAll((t, e) -> Instant.EPOCH);
  }

  synchronized int images() {
    return images.size();
  }

  synchronized int servers() {
    return servers.size();
  }

  synchronized int floatingIps() {
    return floatingIps.size();
  }

  /** Everything that exists: each one is a leak once a deployment is over. */
  synchronized int resources() {
    return images.size() + servers.size() + floatingIps.size();
  }

  synchronized ObjectNode image(String id) {
    return images.get(id);
  }

  synchronized ObjectNode server(String id) {
    return servers.get(id);
  }

  synchronized ObjectNode floatingIp(String id) {
    return floatingIps.get(id);
  }

  /** A server someone else booted, without cloudimg metadata. */
  synchronized String foreignServer() {
    ObjectNode server = JSON.createObjectNode();
    String id = UUID.randomUUID().toString();
    server.put("id", id).put("name", "someone-else").put("status", "ACTIVE");
    server.putObject("metadata").put("owner", "another team");
    servers.put(id, server);
    serverPolls.put(id, Integer.MAX_VALUE);
    return id;
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  // --- dispatch

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      requests.add(method + " " + path);
      Reply reply;
      try {
        reply = route(exchange, method, path);
      } catch (RuntimeException e) {
        reply = Reply.text(500, "fake OpenStack failed: " + e);
      }
      reply.send(exchange);
    }
  }

  private Reply route(HttpExchange ex, String method, String path) throws IOException {
    if (path.startsWith("/identity/")) {
      return identity(ex, method, path);
    }
    String token = ex.getRequestHeaders().getFirst("X-Auth-Token");
    if (!valid(token)) {
      refusedTokens.incrementAndGet();
      drain(ex);
      return Reply.json(
          401,
          JSON.createObjectNode()
              .set(
                  "error",
                  JSON.createObjectNode()
                      .put("code", 401)
                      .put("message", "The request you have made requires authentication.")));
    }
    for (Fault f : faults) {
      if (f.method().equals(method) && f.path().matcher(path).find() && f.left().get() > 0) {
        f.left().decrementAndGet();
        drain(ex);
        return Reply.text(f.status(), f.status() + " injected fault");
      }
    }
    if (path.startsWith("/image/v2/")) {
      if (!imageV2) {
        drain(ex);
        return Reply.json(
            300, JSON.createObjectNode().putArray("versions").addObject().put("id", "v1.1"));
      }
      return imageV2(ex, method, path.substring("/image/v2".length()));
    }
    if (path.startsWith("/image/v1/")) {
      return imageV1(ex, method, path.substring("/image/v1".length()));
    }
    String compute = "/compute/v2.1/" + PROJECT_ID;
    if (path.startsWith(compute + "/")) {
      return compute(ex, method, path.substring(compute.length()));
    }
    if (path.startsWith("/network/v2.0/")) {
      return network(ex, method, path.substring("/network/v2.0".length()));
    }
    return Reply.text(404, "404 Not Found");
  }

  private synchronized boolean valid(String token) {
    Instant expires = token == null ? null : tokens.get(token);
    return expires != null && Instant.now().isBefore(expires);
  }

  // --- Identity v3 and v2.0

  private Reply identity(HttpExchange ex, String method, String path) throws IOException {
    JsonNode body = JSON.readTree(ex.getRequestBody());
    if (method.equals("POST") && path.equals("/identity/v3/auth/tokens")) {
      JsonNode identity = body.path("auth").path("identity");
      String kind = identity.path("methods").path(0).asText();
      boolean ok =
          switch (kind) {
            case "password" -> {
              JsonNode user = identity.path("password").path("user");
              JsonNode project = body.path("auth").path("scope").path("project");
              yield USER.equals(user.path("name").asText())
                  && DOMAIN.equals(user.path("domain").path("name").asText())
                  && PASSWORD.equals(user.path("password").asText())
                  && (PROJECT_ID.equals(project.path("id").asText())
                      || PROJECT.equals(project.path("name").asText())
                          && DOMAIN.equals(project.path("domain").path("name").asText()));
            }
            case "application_credential" -> {
              JsonNode app = identity.path("application_credential");
              yield APP_CREDENTIAL_ID.equals(app.path("id").asText())
                  && APP_CREDENTIAL_SECRET.equals(app.path("secret").asText())
                  && body.path("auth").path("scope").isMissingNode();
            }
            default -> false;
          };
      if (!ok) {
        return unauthorized();
      }
      String token = issueToken();
      ObjectNode reply = JSON.createObjectNode();
      ObjectNode t = reply.putObject("token");
      t.put("expires_at", tokenExpiry(token).toString());
      t.putArray("methods").add(kind);
      t.putObject("project").put("id", PROJECT_ID).put("name", PROJECT);
      ArrayNode catalog = t.putArray("catalog");
      for (String[] service : services()) {
        ArrayNode endpoints =
            catalog
                .addObject()
                .put("type", service[0])
                .put("name", service[1])
                .putArray("endpoints");
        for (String region : List.of("RegionTwo", REGION)) {
          for (String iface : List.of("admin", "internal", "public")) {
            String url =
                region.equals(REGION) && iface.equals("public")
                    ? service[2]
                    : "http://" + iface + "." + region + ".invalid:1/";
            endpoints
                .addObject()
                .put("interface", iface)
                .put("region", region)
                .put("region_id", region)
                .put("url", url);
          }
        }
      }
      return Reply.json(201, reply).header("X-Subject-Token", token);
    }
    if (method.equals("POST") && path.equals("/identity/v2.0/tokens")) {
      JsonNode auth = body.path("auth");
      JsonNode credentials = auth.path("passwordCredentials");
      if (!USER.equals(credentials.path("username").asText())
          || !PASSWORD.equals(credentials.path("password").asText())
          || !PROJECT.equals(auth.path("tenantName").asText())
              && !PROJECT_ID.equals(auth.path("tenantId").asText())) {
        return unauthorized();
      }
      String token = issueToken();
      ObjectNode reply = JSON.createObjectNode();
      ObjectNode access = reply.putObject("access");
      access
          .putObject("token")
          .put("id", token)
          .put("expires", tokenExpiry(token).toString())
          .putObject("tenant")
          .put("id", PROJECT_ID)
          .put("name", PROJECT);
      ArrayNode catalog = access.putArray("serviceCatalog");
      for (String[] service : services()) {
        ArrayNode endpoints =
            catalog
                .addObject()
                .put("type", service[0])
                .put("name", service[1])
                .putArray("endpoints");
        endpoints
            .addObject()
            .put("region", "RegionTwo")
            .put("publicURL", "http://public.RegionTwo.invalid:1/");
        endpoints
            .addObject()
            .put("region", REGION)
            .put("publicURL", service[2])
            .put("internalURL", "http://internal.invalid:1/")
            .put("adminURL", "http://admin.invalid:1/");
      }
      return Reply.json(200, reply);
    }
    return Reply.text(404, "404 Not Found");
  }

  private List<String[]> services() {
    return List.of(
        new String[] {"identity", "keystone", identityV3()},
        new String[] {"compute", "nova", base + "/compute/v2.1/" + PROJECT_ID},
        new String[] {"image", "glance", base + "/image"},
        new String[] {"network", "neutron", base + "/network"});
  }

  private static Reply unauthorized() {
    ObjectNode error = JSON.createObjectNode();
    error
        .putObject("error")
        .put("code", 401)
        .put("title", "Unauthorized")
        .put("message", "The request you have made requires authentication.");
    return Reply.json(401, error);
  }

  private synchronized String issueToken() {
    authentications.incrementAndGet();
    String token = "tok-" + UUID.randomUUID();
    tokens.put(token, Instant.now().plusSeconds(3600));
    return token;
  }

  private synchronized Instant tokenExpiry(String token) {
    return tokens.get(token);
  }

  // --- Image v2

  private Reply imageV2(HttpExchange ex, String method, String path) throws IOException {
    Matcher m;
    if (method.equals("POST") && path.equals("/images")) {
      return createImageV2(JSON.readTree(ex.getRequestBody()));
    }
    if (method.equals("GET") && path.equals("/images")) {
      return listImagesV2(query(ex));
    }
    if ((m = match("/images/([^/]+)(/file|/import)?", path)) == null) {
      return Reply.text(404, "404 Not Found");
    }
    String id = m.group(1);
    String sub = m.group(2) == null ? "" : m.group(2);
    ObjectNode image = image(id);
    if (image == null) {
      drain(ex);
      return Reply.text(
          404, "<html><body><h1>404 Not Found</h1>No image found with ID " + id + "</body></html>");
    }
    return switch (method + " " + sub) {
      case "GET " -> Reply.json(200, progress(image));
      case "DELETE " -> {
        synchronized (this) {
          images.remove(id);
        }
        yield Reply.empty(204);
      }
      case "PATCH " -> patchImage(ex, image);
      case "PUT /file" -> uploadV2(ex, image);
      case "POST /import" -> {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        if (!"web-download".equals(body.path("method").path("name").asText())
            || !body.path("method").path("uri").isTextual()) {
          yield Reply.text(400, "400 Bad Request: unsupported import method");
        }
        synchronized (this) {
          image
              .put("status", "importing")
              .put("cloudimg-fake-imported-from", body.path("method").path("uri").asText());
        }
        yield Reply.empty(202);
      }
      default -> Reply.text(405, "405 Method Not Allowed");
    };
  }

  private synchronized ObjectNode progress(ObjectNode image) {
    if (image.path("status").asText().equals("importing")) {
      image.put("status", "active");
    }
    return image.deepCopy();
  }

  private synchronized Reply createImageV2(JsonNode body) {
    if (!DISK_FORMATS.contains(body.path("disk_format").asText())) {
      return Reply.text(
          400, "400 Bad Request: Invalid disk format '" + body.path("disk_format").asText() + "'");
    }
    ObjectNode image = JSON.createObjectNode();
    String id = UUID.randomUUID().toString();
    var fields = body.fields();
    while (fields.hasNext()) {
      var f = fields.next();
      if (!Set.of("name", "disk_format", "container_format", "visibility", "tags")
              .contains(f.getKey())
          && !f.getValue().isTextual()) {
        return Reply.text(
            400, "400 Bad Request: additional property " + f.getKey() + " must be a string");
      }
      image.set(f.getKey(), f.getValue());
    }
    image.put("id", id).put("status", "queued").putNull("size").putNull("checksum");
    image.put("self", "/v2/images/" + id).put("file", "/v2/images/" + id + "/file");
    if (!image.has("tags")) {
      image.putArray("tags");
    }
    images.put(id, image);
    return Reply.json(201, image);
  }

  private Reply uploadV2(HttpExchange ex, ObjectNode image) throws IOException {
    if (!"application/octet-stream".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
      drain(ex);
      return Reply.text(415, "415 Unsupported Media Type");
    }
    synchronized (this) {
      if (!image.path("status").asText().equals("queued")) {
        drain(ex);
        return Reply.text(409, "409 Conflict: image is " + image.path("status").asText());
      }
      image.put("status", "saving");
    }
    Upload upload = receive(ex, image.path("id").asText(), "v2");
    synchronized (this) {
      if (upload == null) {
        image.put("status", "queued");
        return Reply.text(400, "400 Bad Request: the body is not as long as its Content-Length");
      }
      image.put("status", "active").put("size", upload.bytes());
    }
    return Reply.empty(204);
  }

  /** Reads an upload as a stream; null when it is shorter or longer than Content-Length. */
  private Upload receive(HttpExchange ex, String id, String api) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long total = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = ex.getRequestBody()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
        total += n;
      }
    }
    if (length == null || Long.parseLong(length) != total) {
      return null;
    }
    Upload upload = new Upload(id, total, HexFormat.of().formatHex(sha.digest()), api);
    uploads.add(upload);
    return upload;
  }

  private Reply patchImage(HttpExchange ex, ObjectNode image) throws IOException {
    if (!"application/openstack-images-v2.1-json-patch"
        .equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
      drain(ex);
      return Reply.text(415, "415 Unsupported Media Type");
    }
    JsonNode ops = JSON.readTree(ex.getRequestBody());
    synchronized (this) {
      for (JsonNode op : ops) {
        String key = op.path("path").asText().substring(1);
        switch (op.path("op").asText()) {
          case "add", "replace" -> image.set(key, op.path("value"));
          case "remove" -> image.remove(key);
          default -> {
            return Reply.text(400, "400 Bad Request: bad op");
          }
        }
      }
      return Reply.json(200, image.deepCopy());
    }
  }

  private synchronized Reply listImagesV2(Map<String, String> query) {
    // capped like Glance's api_limit_max, so that listings take several pages
    int limit = Math.min(MAX_LIMIT, Integer.parseInt(query.getOrDefault("limit", "25")));
    String tag = query.get("tag");
    List<ObjectNode> matching = new ArrayList<>();
    for (ObjectNode image : images.values()) {
      boolean tagged = false;
      for (JsonNode t : image.path("tags")) {
        tagged |= t.asText().equals(tag);
      }
      if (tag == null || tagged) {
        matching.add(image);
      }
    }
    int from = 0;
    if (query.containsKey("marker")) {
      for (int i = 0; i < matching.size(); i++) {
        if (matching.get(i).path("id").asText().equals(query.get("marker"))) {
          from = i + 1;
        }
      }
    }
    ObjectNode reply = JSON.createObjectNode();
    ArrayNode page = reply.putArray("images");
    List<ObjectNode> slice = matching.subList(from, Math.min(matching.size(), from + limit));
    slice.forEach(i -> page.add(i.deepCopy()));
    if (from + limit < matching.size()) {
      reply.put(
          "next",
          "/v2/images?limit="
              + limit
              + (tag == null ? "" : "&tag=" + tag)
              + "&marker="
              + slice.get(slice.size() - 1).path("id").asText());
    }
    return Reply.json(200, reply);
  }

  // --- Image v1

  private Reply imageV1(HttpExchange ex, String method, String path) throws IOException {
    Headers headers = ex.getRequestHeaders();
    if (method.equals("POST") && path.equals("/images")) {
      String format = headers.getFirst("x-image-meta-disk_format");
      if (!DISK_FORMATS.contains(format)) {
        drain(ex);
        return Reply.text(400, "400 Bad Request: Invalid disk format '" + format + "'");
      }
      ObjectNode image = JSON.createObjectNode();
      String id = UUID.randomUUID().toString();
      image
          .put("id", id)
          .put("name", headers.getFirst("x-image-meta-name"))
          .put("disk_format", format)
          .put("container_format", headers.getFirst("x-image-meta-container_format"))
          .put("is_public", Boolean.parseBoolean(headers.getFirst("x-image-meta-is_public")));
      ObjectNode properties = image.putObject("properties");
      v1Properties(headers, properties);
      String copyFrom = headers.getFirst("x-glance-api-copy-from");
      if (copyFrom != null) {
        image.put("status", "queued");
        properties.put("cloudimg-fake-imported-from", copyFrom);
      } else {
        Upload upload = receive(ex, id, "v1");
        if (upload == null) {
          return Reply.text(400, "400 Bad Request: the body is not as long as its Content-Length");
        }
        image.put("status", "active").put("size", upload.bytes());
      }
      synchronized (this) {
        images.put(id, image);
      }
      return Reply.json(201, JSON.createObjectNode().set("image", image.deepCopy()));
    }
    if (method.equals("GET") && path.equals("/images/detail")) {
      synchronized (this) {
        Map<String, String> query = query(ex);
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode list = reply.putArray("images");
        boolean after = !query.containsKey("marker");
        for (ObjectNode image : images.values()) {
          if (after && list.size() < limit) {
            list.add(image.deepCopy());
          }
          after |= image.path("id").asText().equals(query.get("marker"));
        }
        return Reply.json(200, reply);
      }
    }
    Matcher m = match("/images/([^/]+)", path);
    ObjectNode image = m == null ? null : image(m.group(1));
    if (image == null) {
      drain(ex);
      return Reply.text(404, "404 Not Found: no image");
    }
    synchronized (this) {
      switch (method) {
        case "HEAD" -> {
          if (image.path("status").asText().equals("queued")
              && image.path("properties").has("cloudimg-fake-imported-from")) {
            image.put("status", "active");
          }
          return Reply.empty(200)
              .header("x-image-meta-id", m.group(1))
              .header("x-image-meta-status", image.path("status").asText());
        }
        case "PUT" -> {
          ObjectNode properties = (ObjectNode) image.get("properties");
          if ("true".equalsIgnoreCase(headers.getFirst("x-glance-registry-purge-props"))) {
            properties.removeAll();
          }
          v1Properties(headers, properties);
          return Reply.json(200, JSON.createObjectNode().set("image", image.deepCopy()));
        }
        case "DELETE" -> {
          images.remove(m.group(1));
          return Reply.empty(200);
        }
        default -> {
          return Reply.text(405, "405 Method Not Allowed");
        }
      }
    }
  }

  private static void v1Properties(Headers headers, ObjectNode properties) {
    String prefix = "x-image-meta-property-";
    headers.forEach(
        (name, values) -> {
          String key = name.toLowerCase(Locale.ROOT);
          if (key.startsWith(prefix)) {
            properties.put(key.substring(prefix.length()), values.get(0));
          }
        });
  }

  // --- Compute v2.1

  private Reply compute(HttpExchange ex, String method, String path) throws IOException {
    Matcher m;
    if (method.equals("GET") && path.equals("/flavors/detail")) {
      ObjectNode reply = JSON.createObjectNode();
      ArrayNode list = reply.putArray("flavors");
      FLAVORS.forEach(
          (id, name) -> list.addObject().put("id", id).put("name", name).put("ram", 512));
      return Reply.json(200, reply);
    }
    if (method.equals("POST") && path.equals("/servers")) {
      return boot(JSON.readTree(ex.getRequestBody()));
    }
    if (method.equals("GET") && path.equals("/servers/detail")) {
      // pages of MAX_LIMIT servers, like Nova's max_limit, with a next link while more remain
      synchronized (this) {
        String marker = query(ex).get("marker");
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode list = reply.putArray("servers");
        boolean after = marker == null;
        String last = null;
        int left = 0;
        for (ObjectNode s : servers.values()) {
          if (after && list.size() < MAX_LIMIT) {
            list.add(view(s));
            last = s.path("id").asText();
          } else if (after) {
            left++;
          }
          after |= s.path("id").asText().equals(marker);
        }
        if (left > 0) {
          reply
              .putArray("servers_links")
              .addObject()
              .put("rel", "next")
              .put("href", base + "/compute/v2.1/" + PROJECT_ID + "/servers/detail?marker=" + last);
        }
        return Reply.json(200, reply);
      }
    }
    if ((m = match("/servers/([^/]+)(/action|/metadata)?", path)) == null) {
      return Reply.text(404, "404 Not Found");
    }
    String id = m.group(1);
    String sub = m.group(2) == null ? "" : m.group(2);
    JsonNode body = method.equals("POST") ? JSON.readTree(ex.getRequestBody()) : null;
    synchronized (this) {
      ObjectNode server = servers.get(id);
      if (server == null) {
        return novaError(404, "itemNotFound", "Instance " + id + " could not be found.");
      }
      switch (method + " " + sub) {
        case "GET " -> {
          serverPolls.merge(id, 1, Integer::sum);
          return Reply.json(200, JSON.createObjectNode().set("server", view(server)));
        }
        case "DELETE " -> {
          servers.remove(id);
          ports.values().removeIf(p -> p.path("device_id").asText().equals(id));
          floatingIps
              .values()
              .forEach(
                  f -> {
                    if (!ports.containsKey(f.path("port_id").asText())) {
                      f.putNull("port_id").putNull("fixed_ip_address");
                    }
                  });
          return Reply.empty(204);
        }
        case "POST /metadata" -> {
          ObjectNode metadata = (ObjectNode) server.get("metadata");
          metadata.setAll((ObjectNode) body.path("metadata"));
          return Reply.json(200, JSON.createObjectNode().set("metadata", metadata.deepCopy()));
        }
        case "POST /action" -> {
          if (body.has("os-getConsoleOutput")) {
            return Reply.json(200, JSON.createObjectNode().put("output", console.apply(id)));
          }
          return novaError(400, "badRequest", "unsupported action");
        }
        default -> {
          return novaError(405, "badMethod", "method not allowed");
        }
      }
    }
  }

  private Reply boot(JsonNode body) {
    JsonNode s = body.path("server");
    bootRequests.add(body);
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(s.path("user_data").asText("")), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return novaError(400, "badRequest", "User data needs to be valid base 64.");
    }
    synchronized (this) {
      ObjectNode image = images.get(s.path("imageRef").asText());
      if (image == null) {
        return novaError(400, "badRequest", "Can not find requested image");
      }
      if (!image.path("status").asText().equals("active")) {
        return novaError(
            400, "badRequest", "Image " + image.path("id").asText() + " is not active.");
      }
      if (!FLAVORS.containsKey(s.path("flavorRef").asText())) {
        return novaError(
            400, "badRequest", "Flavor " + s.path("flavorRef").asText() + " could not be found.");
      }
      String network = s.path("networks").path(0).path("uuid").asText(PRIVATE_NET);
      if (!network.equals(PRIVATE_NET)) {
        return novaError(400, "badRequest", "Network " + network + " could not be found.");
      }
      for (JsonNode value : s.path("metadata")) {
        if (!value.isTextual() || value.asText().length() > 255) {
          return novaError(400, "badRequest", "Invalid input for field/attribute metadata.");
        }
      }
      String id = UUID.randomUUID().toString();
      ObjectNode server = JSON.createObjectNode();
      server
          .put("id", id)
          .put("name", s.path("name").asText())
          .put("status", "BUILD")
          .put("config_drive", s.path("config_drive").asBoolean() ? "True" : "");
      server.set(
          "metadata",
          s.path("metadata").isObject() ? s.get("metadata").deepCopy() : JSON.createObjectNode());
      server.putObject("image").put("id", image.path("id").asText());
      servers.put(id, server);
      serverPolls.put(id, 0);
      counter++;
      ObjectNode port = JSON.createObjectNode();
      String portId = "port-" + UUID.randomUUID();
      String address = fixedAddress.endsWith(".") ? fixedAddress + (10 + counter) : fixedAddress;
      port.put("id", portId).put("device_id", id).put("network_id", network);
      port.putArray("fixed_ips").addObject().put("ip_address", address);
      ports.put(portId, port);
      userData.add(decoded);
      onBoot.accept(decoded);
      ObjectNode reply = JSON.createObjectNode();
      reply.putObject("server").put("id", id).put("adminPass", "not-used");
      return Reply.json(202, reply);
    }
  }

  /** The server as GET shows it, its BUILD ending after the configured number of reads. */
  private ObjectNode view(ObjectNode server) {
    String id = server.path("id").asText();
    if (server.path("status").asText().equals("BUILD")
        && serverPolls.getOrDefault(id, 0) >= bootPolls) {
      switch (boot) {
        case ACTIVE -> server.put("status", "ACTIVE");
        case ERROR -> {
          server.put("status", "ERROR");
          server
              .putObject("fault")
              .put("code", 500)
              .put("message", fault)
              .put("created", Instant.now().toString());
        }
        case NEVER -> {
          // stays in BUILD
        }
      }
    }
    ObjectNode view = server.deepCopy();
    ObjectNode addresses = view.putObject("addresses");
    if (server.path("status").asText().equals("ACTIVE")) {
      for (ObjectNode port : ports.values()) {
        if (port.path("device_id").asText().equals(id)) {
          ArrayNode list = addresses.putArray("private");
          list.addObject()
              .put("addr", port.path("fixed_ips").path(0).path("ip_address").asText())
              .put("version", 4)
              .put("OS-EXT-IPS:type", "fixed");
          for (ObjectNode fip : floatingIps.values()) {
            if (fip.path("port_id").asText().equals(port.path("id").asText())) {
              list.addObject()
                  .put("addr", fip.path("floating_ip_address").asText())
                  .put("version", 4)
                  .put("OS-EXT-IPS:type", "floating");
            }
          }
        }
      }
    }
    return view;
  }

  private static Reply novaError(int status, String kind, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.putObject(kind).put("code", status).put("message", message);
    return Reply.json(status, error);
  }

  // --- Networking v2.0

  private Reply network(HttpExchange ex, String method, String path) throws IOException {
    Map<String, String> query = query(ex);
    Matcher m;
    synchronized (this) {
      if (method.equals("GET") && path.equals("/networks")) {
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode list = reply.putArray("networks");
        for (String[] n :
            new String[][] {{PRIVATE_NET, "private", "false"}, {PUBLIC_NET, "public", "true"}}) {
          if (query.getOrDefault("name", n[1]).equals(n[1])
              && query.getOrDefault("id", n[0]).equals(n[0])
              && query.getOrDefault("router:external", n[2]).equals(n[2])) {
            list.addObject()
                .put("id", n[0])
                .put("name", n[1])
                .put("router:external", Boolean.parseBoolean(n[2]));
          }
        }
        return Reply.json(200, reply);
      }
      if (method.equals("GET") && path.equals("/ports")) {
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode list = reply.putArray("ports");
        for (ObjectNode port : ports.values()) {
          if (query
                  .getOrDefault("device_id", port.path("device_id").asText())
                  .equals(port.path("device_id").asText())
              && query
                  .getOrDefault("network_id", port.path("network_id").asText())
                  .equals(port.path("network_id").asText())) {
            list.add(port.deepCopy());
          }
        }
        return Reply.json(200, reply);
      }
      if (method.equals("GET") && path.equals("/floatingips")) {
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode list = reply.putArray("floatingips");
        floatingIps.values().forEach(f -> list.add(f.deepCopy()));
        return Reply.json(200, reply);
      }
    }
    if (method.equals("POST") && path.equals("/floatingips")) {
      JsonNode f = JSON.readTree(ex.getRequestBody()).path("floatingip");
      synchronized (this) {
        if (!PUBLIC_NET.equals(f.path("floating_network_id").asText())) {
          return neutronError(
              400,
              "Bad floatingip request: Network "
                  + f.path("floating_network_id").asText()
                  + " is not a valid external network.");
        }
        ObjectNode port = ports.get(f.path("port_id").asText());
        if (port == null) {
          return neutronError(404, "Port " + f.path("port_id").asText() + " could not be found.");
        }
        if (f.path("description").asText().length() > 255) {
          return neutronError(400, "Invalid input for description.");
        }
        counter++;
        ObjectNode fip = JSON.createObjectNode();
        String id = UUID.randomUUID().toString();
        String address =
            floatingAddress.endsWith(".") ? floatingAddress + counter : floatingAddress;
        fip.put("id", id)
            .put("floating_network_id", PUBLIC_NET)
            .put("floating_ip_address", address)
            .put("port_id", port.path("id").asText())
            .put("status", "ACTIVE")
            .put("fixed_ip_address", port.path("fixed_ips").path(0).path("ip_address").asText())
            .put("description", f.path("description").asText(""));
        floatingIps.put(id, fip);
        return Reply.json(201, JSON.createObjectNode().set("floatingip", fip.deepCopy()));
      }
    }
    if ((m = match("/floatingips/([^/]+)", path)) != null) {
      JsonNode body = method.equals("PUT") ? JSON.readTree(ex.getRequestBody()) : null;
      synchronized (this) {
        ObjectNode fip = floatingIps.get(m.group(1));
        if (fip == null) {
          return neutronError(404, "Floating IP " + m.group(1) + " could not be found");
        }
        switch (method) {
          case "DELETE" -> {
            floatingIps.remove(m.group(1));
            return Reply.empty(204);
          }
          case "PUT" -> {
            fip.setAll((ObjectNode) body.path("floatingip"));
            return Reply.json(200, JSON.createObjectNode().set("floatingip", fip.deepCopy()));
          }
          case "GET" -> {
            return Reply.json(200, JSON.createObjectNode().set("floatingip", fip.deepCopy()));
          }
          default -> {
            return neutronError(405, "method not allowed");
          }
        }
      }
    }
    return neutronError(404, "The resource could not be found.");
  }

  private static Reply neutronError(int status, String message) {
    ObjectNode error = JSON.createObjectNode();
    error
        .putObject("NeutronError")
        .put("type", "HTTP" + status)
        .put("message", message)
        .put("detail", "");
    return Reply.json(status, error);
  }

  // --- plumbing

  private static Matcher match(String regex, String path) {
    Matcher m = Pattern.compile(regex).matcher(path);
    return m.matches() ? m : null;
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  private static void drain(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** A response: status, headers and body. */
  private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Reply json(int status, JsonNode body) {
      return new Reply(
          status,
          "application/json",
          body.toString().getBytes(StandardCharsets.UTF_8),
          new LinkedHashMap<>());
    }

    static Reply text(int status, String text) {
      return new Reply(
          status,
          "text/html; charset=UTF-8",
          text.getBytes(StandardCharsets.UTF_8),
          new LinkedHashMap<>());
    }

    static Reply empty(int status) {
      return new Reply(status, null, new byte[0], new LinkedHashMap<>());
    }

    Reply header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    void send(HttpExchange ex) throws IOException {
      if (contentType != null) {
        ex.getResponseHeaders().set("Content-Type", contentType);
      }
      headers.forEach(ex.getResponseHeaders()::set);
      boolean noBody = body.length == 0 || ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(status, noBody ? -1 : body.length);
      if (!noBody) {
        ex.getResponseBody().write(body);
      }
    }
  }
}
