package io.jenkins.plugins.cloudimages.kickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites allowed URLs to a local mirror for the build, leaving the kickstart unchanged: each
 * entry {@code FROM=TO} replaces the prefix FROM by TO; the longest matching FROM wins. A prefix
 * matches on a path boundary, so {@code http://mirror.centos.org/centos/6} does not rewrite {@code
 * http://mirror.centos.org/centos/60}.
 */
public final class MirrorMap {
  private final List<Map.Entry<String, String>> entries;

  private MirrorMap(List<Map.Entry<String, String>> entries) {
    // Longest FROM first; a plain loop, as lambdas cost start-up time on every cold run.
    List<Map.Entry<String, String>> sorted = new ArrayList<>(entries);
    for (int i = 1; i < sorted.size(); i++) {
      for (int j = i;
          j > 0 && sorted.get(j - 1).getKey().length() < sorted.get(j).getKey().length();
          j--) {
        sorted.set(j, sorted.set(j - 1, sorted.get(j)));
      }
    }
    this.entries = List.copyOf(sorted);
  }

  /** No rewriting. */
  public static MirrorMap none() {
    return new MirrorMap(List.of());
  }

  /**
   * Reads {@code FROM=TO} entries, e.g. {@code http://mirror.centos.org/=file:///srv/mirror/}.
   *
   * @throws IllegalArgumentException naming the malformed entry
   */
  public static MirrorMap parse(List<String> specs) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new IllegalArgumentException(
            "mirror map entry '"
                + spec
                + "' is not FROM=TO (e.g. http://mirror.centos.org/=http://127.0.0.1:8080/)");
      }
      String from = spec.substring(0, eq);
      String to = spec.substring(eq + 1);
      if (SourceUrl.parse(from).isEmpty() || !SourceUrl.parse(from).get().isRemote()) {
        throw new IllegalArgumentException(
            "mirror map entry '" + spec + "': FROM must be an http, https or ftp URL prefix");
      }
      if (!SourceUrl.hasScheme(to)) {
        throw new IllegalArgumentException(
            "mirror map entry '"
                + spec
                + "': TO must be a URL with a scheme (http://, file://...)");
      }
      entries.add(Map.entry(from, to));
    }
    return new MirrorMap(entries);
  }

  /** The rewrites in the order they are tried, FROM prefix to TO prefix. */
  public Map<String, String> asMap() {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> entry : entries) {
      map.put(entry.getKey(), entry.getValue());
    }
    return map;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The URL the build fetches instead of {@code url}; {@code url} itself when no entry matches. */
  public String rewrite(String url) {
    for (Map.Entry<String, String> entry : entries) {
      String from = entry.getKey();
      if (url.startsWith(from) && onBoundary(url, from)) {
        return entry.getValue() + url.substring(from.length());
      }
    }
    return url;
  }

  /**
   * The kickstart's install source and repositories as the build fetches them: each allowed URL
   * rewritten through this map.
   *
   * @throws IllegalStateException when a source is not allowed by the policy; validate first
   */
  public List<BuildSource> buildSources(Kickstart kickstart, ContentPolicy policy) {
    List<BuildSource> sources = new ArrayList<>();
    for (UrlReference reference : KickstartUrls.ofCommands(kickstart)) {
      List<String> violations = policy.violations(reference);
      if (!violations.isEmpty()) {
        throw new IllegalStateException(reference.location() + ": " + violations.get(0));
      }
      sources.add(
          new BuildSource(
              reference.command(),
              reference.repo(),
              reference.option(),
              reference.text(),
              rewrite(reference.text().replace("\\$", "$")),
              reference.location()));
    }
    return sources;
  }

  private static boolean onBoundary(String url, String from) {
    if (url.length() == from.length() || from.endsWith("/")) {
      return true;
    }
    char next = url.charAt(from.length());
    return next == '/' || next == '?' || next == '#';
  }

  /**
   * One place the build fetches from.
   *
   * @param command {@code url}, {@code repo}, {@code liveimg} ...
   * @param repo the repository name for {@code repo}, else null
   * @param option {@code --url}, {@code --baseurl}, {@code --mirrorlist} or {@code --metalink}
   * @param original the URL in the kickstart
   * @param url the URL to fetch, after the mirror map
   * @param location where the kickstart names it
   */
  public record BuildSource(
      String command,
      String repo,
      String option,
      String original,
      String url,
      SourceLocation location) {}
}
