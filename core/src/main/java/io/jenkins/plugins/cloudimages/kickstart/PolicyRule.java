package io.jenkins.plugins.cloudimages.kickstart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One allowed source of a {@link ContentPolicy}, written {@code [scheme://]host[/path] [param=glob
 * ...]}: the host ({@code *.example.org} for its subdomains), a path prefix matched on whole
 * segments, and query parameters the URL must carry, e.g. {@code mirrors.fedoraproject.org/metalink
 * repo=epel-*}. Without a scheme, http, https and ftp are allowed.
 */
public record PolicyRule(
    String scheme, String host, String pathPrefix, Map<String, String> queryGlobs) {
  private static final Pattern HOST =
      Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  public PolicyRule {
    queryGlobs = Collections.unmodifiableMap(new TreeMap<>(queryGlobs));
    pathPrefix = pathPrefix.replaceAll("/+$", "");
  }

  /**
   * Reads one rule.
   *
   * @throws IllegalArgumentException with a message for a person when the rule is malformed
   */
  public static PolicyRule parse(String text) {
    String[] words = text.trim().split("\\s+");
    String source = words[0];
    String scheme = null;
    int schemeEnd = source.indexOf("://");
    if (schemeEnd >= 0) {
      scheme = source.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      if (!List.of("http", "https", "ftp").contains(scheme)) {
        throw new IllegalArgumentException(
            "scheme '" + scheme + "' is not one of http, https, ftp in '" + source + "'");
      }
      source = source.substring(schemeEnd + 3);
    }
    int slash = source.indexOf('/');
    String host = (slash < 0 ? source : source.substring(0, slash)).toLowerCase(Locale.ROOT);
    String path = slash < 0 ? "" : source.substring(slash);
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("'" + host + "' is not a host name");
    }
    if (path.contains("?") || path.contains("#")) {
      throw new IllegalArgumentException(
          "write query conditions as separate words (param=glob), not in '" + words[0] + "'");
    }
    Map<String, String> globs = new TreeMap<>();
    for (int i = 1; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "'" + words[i] + "' is not a query condition (param=glob, e.g. repo=epel-*)");
      }
      globs.put(words[i].substring(0, eq), words[i].substring(eq + 1));
    }
    return new PolicyRule(scheme, host, path, globs);
  }

  /** Whether the rule's host matches, whatever the path and query. */
  boolean matchesHost(SourceUrl url) {
    String candidate = url.host().toLowerCase(Locale.ROOT);
    if (host.startsWith("*.")) {
      return candidate.endsWith(host.substring(1));
    }
    return candidate.equals(host);
  }

  /** Whether the rule allows the URL. */
  public boolean allows(SourceUrl url) {
    if (scheme == null ? !url.isRemote() : !scheme.equals(url.scheme())) {
      return false;
    }
    if (!matchesHost(url)) {
      return false;
    }
    String path = url.path();
    if (!pathPrefix.isEmpty() && !(path.equals(pathPrefix) || path.startsWith(pathPrefix + "/"))) {
      return false;
    }
    for (Map.Entry<String, String> glob : queryGlobs.entrySet()) {
      Optional<String> value = url.queryParameter(glob.getKey());
      if (value.isEmpty() || !globToRegex(glob.getValue()).matcher(value.get()).matches()) {
        return false;
      }
    }
    return true;
  }

  private static Pattern globToRegex(String glob) {
    List<String> parts = new ArrayList<>();
    for (String literal : glob.split("\\*", -1)) {
      parts.add(Pattern.quote(literal));
    }
    return Pattern.compile(String.join(".*", parts));
  }

  /** The rule as written in a policy file. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (scheme != null) {
      text.append(scheme).append("://");
    }
    text.append(host).append(pathPrefix);
    queryGlobs.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
    return text.toString();
  }
}
