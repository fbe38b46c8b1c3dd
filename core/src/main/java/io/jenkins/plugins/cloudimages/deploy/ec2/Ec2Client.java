package io.jenkins.plugins.cloudimages.deploy.ec2;

import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.Pacing;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.w3c.dom.Element;

/**
 * The EC2 Query API (form POSTs of {@code Action=...&Version=2016-11-15}) and the two S3 calls the
 * image import needs (a streamed PUT of the disk file and its DELETE), all signed with SigV4.
 * Throttling ({@code RequestLimitExceeded}, {@code SlowDown}), 5xx answers and broken connections
 * are retried with backoff; other errors surface the XML's {@code Code} and {@code Message}.
 */
final class Ec2Client {
  static final String VERSION = "2016-11-15";
  private static final Set<String> RETRIED =
      Set.of(
          "RequestLimitExceeded",
          "Throttling",
          "SlowDown",
          "InternalError",
          "InternalFailure",
          "ServiceUnavailable",
          "Unavailable");

  private final URI endpoint;
  private final URI s3Endpoint;
  private final SigV4 ec2Signer;
  private final SigV4 s3Signer;
  private final SigV4.Credentials credentials;
  private final HttpClient http;
  private final Pacing pacing;
  private final Clock clock;
  private final Consumer<String> log;

  Ec2Client(
      URI endpoint,
      URI s3Endpoint,
      String region,
      SigV4.Credentials credentials,
      Pacing pacing,
      Clock clock,
      Consumer<String> log) {
    this.endpoint = endpoint;
    this.s3Endpoint = s3Endpoint;
    this.ec2Signer = new SigV4(region, "ec2", true);
    this.s3Signer = new SigV4(region, "s3", false);
    this.credentials = credentials;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    this.pacing = pacing;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Credentials as the clouds file's env variable or file holds them: {@code
   * ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]} on one line, or the AWS shared credentials
   * format's {@code aws_access_key_id = ...}, {@code aws_secret_access_key = ...} and optional
   * {@code aws_session_token = ...} lines.
   */
  static SigV4.Credentials parseCredentials(String text, String cloud) throws CloudException {
    if (text == null) {
      throw new CloudException(
          "cloud " + cloud + ": ec2 needs credentialsEnv or credentialsFile (ACCESS_KEY:SECRET)");
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.strip().startsWith("aws_")) {
        keys.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    if (keys.containsKey("aws_access_key_id") && keys.containsKey("aws_secret_access_key")) {
      return new SigV4.Credentials(
          keys.get("aws_access_key_id"),
          keys.get("aws_secret_access_key"),
          keys.get("aws_session_token"));
    }
    String[] parts = text.strip().split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new CloudException(
          "cloud "
              + cloud
              + ": credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]"
              + " or aws_access_key_id/aws_secret_access_key lines");
    }
    return new SigV4.Credentials(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** Runs one EC2 action; {@code params} without Action and Version. */
  Element call(String action, Map<String, String> params) throws CloudException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", action);
    form.put("Version", VERSION);
    form.putAll(params);
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(SigV4.uriEncode(k, false))
                .append('=')
                .append(SigV4.uriEncode(v, false)));
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    // AWS answers on "/", Eucalyptus on a path such as /services/compute
    URI uri =
        endpoint.getPath() == null || endpoint.getPath().isEmpty()
            ? endpoint.resolve("/")
            : endpoint;
    Response response =
        send(
            action,
            ec2Signer,
            "POST",
            uri,
            () -> HttpRequest.BodyPublishers.ofByteArray(bytes),
            Duration.ofSeconds(60),
            Map.of("content-type", "application/x-www-form-urlencoded; charset=utf-8"),
            SigV4.sha256Hex(bytes));
    return parse(action, response);
  }

  /**
   * Streams {@code file} into {@code bucket/key}; the payload hash is {@code sha256} when known,
   * else computed by reading the file once (never held in memory).
   */
  void putObject(String bucket, String key, Path file, String sha256) throws CloudException {
    String hash = sha256 != null ? sha256 : sha256Of(file);
    Response response =
        send(
            "PUT " + bucket + "/" + key,
            s3Signer,
            "PUT",
            objectUri(bucket, key),
            () -> HttpRequest.BodyPublishers.ofFile(file),
            Duration.ofHours(6),
            Map.of("x-amz-content-sha256", hash, "content-type", "application/octet-stream"),
            hash);
    if (response.status() / 100 != 2) {
      throw s3Error("PUT " + bucket + "/" + key, response);
    }
  }

  /** Deletes {@code bucket/key}; S3 answers 204 whether or not it existed. */
  void deleteObject(String bucket, String key) throws CloudException {
    String hash = SigV4.sha256Hex("");
    Response response =
        send(
            "DELETE " + bucket + "/" + key,
            s3Signer,
            "DELETE",
            objectUri(bucket, key),
            HttpRequest.BodyPublishers::noBody,
            Duration.ofSeconds(60),
            Map.of("x-amz-content-sha256", hash),
            hash);
    if (response.status() / 100 != 2 && response.status() != 404) {
      throw s3Error("DELETE " + bucket + "/" + key, response);
    }
  }

  private URI objectUri(String bucket, String key) {
    String base = s3Endpoint.toString().replaceAll("/+$", "");
    return URI.create(
        base + "/" + SigV4.uriEncode(bucket, false) + "/" + SigV4.uriEncode(key, true));
  }

  /** The Host header java.net.http sends: the host, and the port unless it is the default. */
  static String hostHeader(URI uri) {
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (port == 443 && "https".equals(uri.getScheme()))
            || (port == 80 && "http".equals(uri.getScheme()));
    return uri.getHost() + (defaultPort ? "" : ":" + port);
  }

  private record Response(int status, byte[] body) {}

  @FunctionalInterface
  private interface Body {
    HttpRequest.BodyPublisher publisher() throws IOException;
  }

  /** Sends with retries; each attempt is signed anew (the signature carries the time). */
  private Response send(
      String what,
      SigV4 signer,
      String method,
      URI uri,
      Body body,
      Duration timeout,
      Map<String, String> headers,
      String payloadHash)
      throws CloudException {
    for (int attempt = 1; ; attempt++) {
      String problem;
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(uri).timeout(timeout).method(method, body.publisher());
        Map<String, List<String>> signed = new LinkedHashMap<>();
        signed.put("host", List.of(hostHeader(uri)));
        headers.forEach((name, value) -> signed.put(name, List.of(value)));
        SigV4.Signature signature =
            signer.sign(
                new SigV4.Request(method, uri.getPath(), List.of(), signed, payloadHash),
                credentials,
                clock.instant());
        headers.forEach(request::header);
        signature.headers().forEach(request::header);
        request.header("Authorization", signature.authorization());
        HttpResponse<byte[]> answer =
            http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Response response = new Response(answer.statusCode(), answer.body());
        String code = errorCode(response);
        if (response.status() < 500 && (code == null || !RETRIED.contains(code))) {
          return response;
        }
        problem = "HTTP " + response.status() + (code == null ? "" : " " + code);
        if (attempt >= pacing.attempts()) {
          return response;
        }
      } catch (IOException e) {
        problem = e.toString();
        if (attempt >= pacing.attempts()) {
          throw new CloudException(what + " failed: " + problem, 0, e);
        }
      } catch (InterruptedException e) {
        throw new CloudException(what + " interrupted", 0, e);
      }
      log.accept("ec2: " + what + ": " + problem + "; retrying (attempt " + attempt + ")");
      pacing.backoff(attempt);
    }
  }

  private static String errorCode(Response response) {
    if (response.status() < 300) {
      return null;
    }
    try {
      Element root = Xml.parse(response.body());
      String code = Xml.text(root, "Errors", "Error", "Code");
      return code != null ? code : Xml.text(root, "Code");
    } catch (IOException e) {
      return null;
    }
  }

  private Element parse(String action, Response response) throws CloudException {
    Element root;
    try {
      root = Xml.parse(response.body());
    } catch (IOException e) {
      throw new CloudException(
          "ec2 " + action + ": HTTP " + response.status() + ", " + e.getMessage(),
          response.status(),
          e);
    }
    if (response.status() / 100 != 2) {
      Element error = Xml.child(Xml.child(root, "Errors"), "Error");
      String code = Xml.text(error, "Code");
      String message = Xml.text(error, "Message");
      throw new Ec2Exception(
          "ec2 " + action + " failed: " + code + ": " + message, response.status(), code);
    }
    return root;
  }

  private static CloudException s3Error(String what, Response response) {
    String code = null;
    String message = new String(response.body(), StandardCharsets.UTF_8);
    try {
      Element root = Xml.parse(response.body());
      code = Xml.text(root, "Code");
      message = Xml.text(root, "Message");
    } catch (IOException notXml) {
      // keep the raw body as the message
    }
    return new Ec2Exception(
        "s3 " + what + " failed: HTTP " + response.status() + " " + code + ": " + message,
        response.status(),
        code);
  }

  private static String sha256Of(Path file) throws CloudException {
    MessageDigest digest = SigV4.digest();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new CloudException("cannot read " + file + ": " + e.getMessage(), 0, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
