package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a kickstart may take content from: an allowlist of hosts and URL prefixes. Every install
 * source, repository and script URL must match a rule; URLs without a scheme and unresolved
 * placeholders are refused whatever the rules say.
 *
 * <p>A policy file has one {@link PolicyRule} per line; {@code #} starts a comment. The default
 * policy allows mirror.centos.org, vault.centos.org and EPEL (see {@code default-policy.txt}).
 */
public final class ContentPolicy {
  private static final String DEFAULT_RESOURCE = "default-policy.txt";

  private final List<PolicyRule> rules;

  public ContentPolicy(List<PolicyRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** mirror.centos.org, vault.centos.org and EPEL, including its metalinks and mirror lists. */
  public static ContentPolicy defaults() {
    try (InputStream in = ContentPolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a policy file.
   *
   * @throws PolicyFileException when a rule is malformed (the message names file and line)
   * @throws IOException when the file cannot be read
   */
  public static ContentPolicy load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Reads policy text; {@code source} names it in error messages. */
  public static ContentPolicy parse(String text, String source) throws PolicyFileException {
    List<PolicyRule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String rule = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (rule.isEmpty()) {
        continue;
      }
      try {
        rules.add(PolicyRule.parse(rule));
      } catch (IllegalArgumentException e) {
        throw new PolicyFileException(source + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return new ContentPolicy(rules);
  }

  /** This policy with more allowed sources. */
  public ContentPolicy allowing(PolicyRule... more) {
    List<PolicyRule> all = new ArrayList<>(rules);
    all.addAll(List.of(more));
    return new ContentPolicy(all);
  }

  public List<PolicyRule> rules() {
    return rules;
  }

  /** Whether a URL (with its scheme) comes from an allowed source and has no placeholders. */
  public boolean allows(String url) {
    return violations(new UrlReference(url, null, "", null, null)).isEmpty();
  }

  /** Every policy problem of the kickstart: its sources, repositories and script URLs. */
  public List<Problem> check(Kickstart kickstart) {
    List<Problem> problems = new ArrayList<>();
    for (KickstartCommand nfs : kickstart.commands("nfs")) {
      problems.add(
          Problem.error(
              nfs.location(),
              Problem.Kind.POLICY,
              "nfs install source "
                  + nfs.option("--server").orElse("?")
                  + " is not allowed by the content policy: install from a URL on an allowed host"));
    }
    Set<String> reported = new HashSet<>();
    for (UrlReference reference : KickstartUrls.of(kickstart)) {
      for (String violation : violations(reference)) {
        // Keyed by text: a record's equals/hashCode would bootstrap method handles at start-up.
        if (reported.add(reference.location() + " " + violation)) {
          problems.add(Problem.error(reference.location(), Problem.Kind.POLICY, violation));
        }
      }
    }
    return List.copyOf(problems);
  }

  /** Why the URL is refused, one message per reason; empty when it is allowed. */
  List<String> violations(UrlReference reference) {
    List<String> found = new ArrayList<>();
    String text = reference.text();
    String where = reference.command().isEmpty() ? "" : " (" + reference.usage() + ")";
    String withScheme = text;
    if (!SourceUrl.hasScheme(text)) {
      found.add("URL without a scheme: '" + text + "'" + where + "; write http:// or https://");
      withScheme = "http://" + text;
    }
    Optional<SourceUrl> parsed = SourceUrl.parse(withScheme);
    if (parsed.isEmpty() || parsed.get().host().isEmpty()) {
      found.add("'" + text + "'" + where + " is not a URL with a host");
      return found;
    }
    SourceUrl url = parsed.get();
    if (!url.isRemote()) {
      found.add(
          "'"
              + text
              + "'"
              + where
              + " uses the "
              + url.scheme()
              + " scheme; only http, https and ftp sources on allowed hosts are allowed");
      return found;
    }
    Optional<String> placeholder = UrlPlaceholders.find(url, reference.inScript());
    if (placeholder.isPresent()) {
      found.add(placeholder.get() + " in '" + text + "'" + where);
      if (placeholder.get().startsWith("the host")) {
        return found;
      }
    }
    if (!allowedByARule(url)) {
      found.add(notAllowed(url, text, where));
    }
    return found;
  }

  private boolean allowedByARule(SourceUrl url) {
    for (PolicyRule rule : rules) {
      if (rule.allows(url)) {
        return true;
      }
    }
    return false;
  }

  private String notAllowed(SourceUrl url, String text, String where) {
    List<PolicyRule> sameHost = rules.stream().filter(rule -> rule.matchesHost(url)).toList();
    String host = url.host().toLowerCase(java.util.Locale.ROOT);
    if (sameHost.isEmpty()) {
      return "host " + host + " is not allowed by the content policy: '" + text + "'" + where;
    }
    return "'"
        + text
        + "'"
        + where
        + " is not allowed by the content policy: "
        + host
        + " is allowed only as "
        + sameHost.stream().map(PolicyRule::toString).collect(Collectors.joining(", "));
  }
}
