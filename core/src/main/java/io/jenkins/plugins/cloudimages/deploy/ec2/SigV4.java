package io.jenkins.plugins.cloudimages.deploy.ec2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (header form): canonical request, string to sign, signing key and the
 * Authorization header. The same code signs the driver's requests and, in the tests' fake EC2,
 * re-signs what arrived on the wire to check them; it is pinned by AWS's published test suite.
 */
public final class SigV4 {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** An access key, its secret and, for temporary credentials, the session token (or null). */
  public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    @Override
    public String toString() {
      return "Credentials[" + accessKeyId + "]";
    }
  }

  /**
   * A request to sign. {@code path} is not percent-encoded; {@code query} holds decoded names and
   * values; {@code headers} are the headers to sign, {@code host} among them.
   */
  public record Request(
      String method,
      String path,
      List<Map.Entry<String, String>> query,
      Map<String, List<String>> headers,
      String payloadHash) {}

  /** The result; {@code headers} are those to send besides the request's own. */
  public record Signature(
      String canonicalRequest,
      String stringToSign,
      String authorization,
      String signature,
      Map<String, String> headers) {}

  private final String region;
  private final String service;
  private final boolean normalizePath;

  /**
   * @param normalizePath remove dot segments and empty segments from the path (every service but
   *     S3, whose object keys are signed as they are)
   */
  public SigV4(String region, String service, boolean normalizePath) {
    this.region = region;
    this.service = service;
    this.normalizePath = normalizePath;
  }

  public String region() {
    return region;
  }

  /** Signs {@code request} at {@code time}, adding x-amz-date (and the session token) to it. */
  public Signature sign(Request request, Credentials credentials, Instant time) {
    String amzDate = AMZ_DATE.format(time);
    String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    Map<String, String> added = new LinkedHashMap<>();
    added.put("x-amz-date", amzDate);
    if (credentials.sessionToken() != null) {
      added.put("x-amz-security-token", credentials.sessionToken());
    }
    TreeMap<String, String> headers = new TreeMap<>();
    request
        .headers()
        .forEach(
            (name, values) ->
                headers.merge(
                    name.toLowerCase(Locale.ROOT),
                    String.join(",", values.stream().map(SigV4::trimValue).toList()),
                    (a, b) -> a + "," + b));
    added.forEach((name, value) -> headers.put(name, value));
    String canonicalHeaderLines =
        String.join(
            "",
            headers.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").toList());
    String signedHeaders = String.join(";", headers.keySet());
    String canonicalRequest =
        String.join(
            "\n",
            request.method(),
            canonicalPath(request.path()),
            canonicalQuery(request.query()),
            canonicalHeaderLines,
            signedHeaders,
            request.payloadHash());
    String stringToSign =
        String.join("\n", ALGORITHM, amzDate, scope, hex(sha256(canonicalRequest)));
    byte[] key =
        hmac(
            ("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8),
            amzDate.substring(0, 8));
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, stringToSign));
    String authorization =
        ALGORITHM
            + " Credential="
            + credentials.accessKeyId()
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature;
    return new Signature(canonicalRequest, stringToSign, authorization, signature, added);
  }

  /** The time an x-amz-date header names. */
  public static Instant parseAmzDate(String value) {
    return AMZ_DATE.parse(value, Instant::from);
  }

  /** Lower-case hex SHA-256 of {@code text} in UTF-8. */
  public static String sha256Hex(String text) {
    return hex(sha256(text));
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    return hex(digest().digest(bytes));
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 wants. */
  public static String uriEncode(String text, boolean keepSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (keepSlash && c == '/')) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** {@code name=value&...} sorted by encoded name, then value. */
  public static String canonicalQuery(List<Map.Entry<String, String>> query) {
    List<String[]> pairs = new ArrayList<>();
    for (Map.Entry<String, String> entry : query) {
      pairs.add(
          new String[] {
            uriEncode(entry.getKey(), false),
            uriEncode(entry.getValue() == null ? "" : entry.getValue(), false)
          });
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    return String.join("&", pairs.stream().map(p -> p[0] + "=" + p[1]).toList());
  }

  private String canonicalPath(String path) {
    String raw = path == null || path.isEmpty() ? "/" : path;
    return uriEncode(normalizePath ? removeDotSegments(raw) : raw, true);
  }

  /** RFC 3986 dot-segment removal, also dropping empty segments; a trailing slash stays. */
  static String removeDotSegments(String path) {
    Deque<String> kept = new ArrayDeque<>();
    String[] segments = path.split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        kept.pollLast();
      } else {
        kept.addLast(segment);
      }
    }
    String last = segments[segments.length - 1];
    boolean trailing = !kept.isEmpty() && (last.isEmpty() || last.equals(".") || last.equals(".."));
    return "/" + String.join("/", kept) + (trailing ? "/" : "");
  }

  private static String trimValue(String value) {
    return value.strip().replaceAll("\\s+", " ");
  }

  private static byte[] sha256(String text) {
    return digest().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
