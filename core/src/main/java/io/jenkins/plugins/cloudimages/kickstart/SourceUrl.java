package io.jenkins.plugins.cloudimages.kickstart;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL as written in a kickstart, split leniently: unlike {@link java.net.URI} it accepts yum
 * variables ({@code $releasever}) and placeholders, which the policy then judges.
 *
 * @param text the URL as written (shell escapes such as {@code \$} removed)
 * @param scheme lower case, e.g. {@code http}
 * @param host as written (host names are compared case-insensitively), without user info and port
 * @param path from the first slash after the host, possibly empty
 * @param query after {@code ?}, without it; empty when there is none
 */
public record SourceUrl(String text, String scheme, String host, String path, String query) {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
  private static final Pattern PARTS =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#.*)?$");

  /** Whether the text starts with {@code scheme://}. */
  public static boolean hasScheme(String text) {
    return SCHEME.matcher(text).find();
  }

  /** Splits a URL with a scheme; empty when the text has no {@code scheme://} prefix. */
  public static Optional<SourceUrl> parse(String text) {
    String unescaped = text.replace("\\$", "$");
    Matcher m = PARTS.matcher(unescaped);
    if (!m.matches()) {
      return Optional.empty();
    }
    String authority = m.group(2);
    int at = authority.lastIndexOf('@');
    String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
    String host = hostPort.replaceFirst(":[0-9]*$", "");
    return Optional.of(
        new SourceUrl(
            unescaped,
            m.group(1).toLowerCase(Locale.ROOT),
            host,
            m.group(3),
            m.group(4) == null ? "" : m.group(4)));
  }

  /** The value of a query parameter such as {@code repo} in {@code ?repo=epel-7&arch=x86_64}. */
  public Optional<String> queryParameter(String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return Optional.of(pair.substring(eq + 1));
      }
    }
    return Optional.empty();
  }

  /** Whether this is fetched from a remote host (http, https, ftp) rather than a local file. */
  public boolean isRemote() {
    return scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp");
  }
}
