package io.jenkins.plugins.cloudimages.deploy.cloudstack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs CloudStack API requests as its Developer's Guide ("Signing API Requests") describes: every
 * parameter but {@code signature}, each value URL-encoded (spaces as {@code %20}), sorted by field
 * name, joined with {@code &}, the whole string lower-cased, HMAC-SHA1 with the secret key, Base64.
 */
public final class CloudStackSigner {
  private CloudStackSigner() {}

  /** The string that is signed. */
  public static String commandString(Map<String, String> params) {
    TreeMap<String, String> sorted = new TreeMap<>();
    params.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("signature")) {
            sorted.put(name.toLowerCase(Locale.ROOT), value);
          }
        });
    StringBuilder out = new StringBuilder();
    sorted.forEach(
        (name, value) ->
            out.append(out.length() == 0 ? "" : "&")
                .append(name)
                .append('=')
                .append(encode(value)));
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** The {@code signature} parameter's value (before URL encoding). */
  public static String sign(Map<String, String> params, String secretKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] digest = mac.doFinal(commandString(params).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA1", e);
    }
  }

  /** URL encoding as the API server applies it when it checks a signature. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
