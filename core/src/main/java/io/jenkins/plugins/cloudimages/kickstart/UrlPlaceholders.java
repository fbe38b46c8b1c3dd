package io.jenkins.plugins.cloudimages.kickstart;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what in a URL was meant to be replaced before use: template tokens such as {@code
 * DATESTAMP}, {@code @VERSION@}, {@code %ARCH%}, {@code {{tag}}}, and variables nothing will
 * expand. Yum variables ({@code $releasever}, {@code $basearch}, {@code $arch}, {@code $infra},
 * {@code $contentdir}, {@code $YUM0}-{@code $YUM9}) are legitimate: yum and anaconda expand them.
 */
final class UrlPlaceholders {
  private static final Set<String> YUM_VARIABLES =
      Set.of("releasever", "basearch", "arch", "infra", "contentdir", "stream");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");
  private static final Pattern UPPER_CASE_TOKEN = Pattern.compile("[A-Z][A-Z0-9_]{3,}");
  private static final Pattern TEMPLATE_TOKEN =
      Pattern.compile("@[A-Za-z_][A-Za-z0-9_]*@|%[A-Za-z_][A-Za-z0-9_]*%|\\{\\{[^}]*}}|<[^>]*>");

  /** Upper-case directory names that exist on real mirrors. */
  private static final Set<String> REAL_UPPER_CASE_NAMES = Set.of("RPMS", "SRPMS");

  private UrlPlaceholders() {}

  /**
   * The first unresolved part of the URL, described for a person; empty when there is none.
   *
   * @param shellVariablesExpand whether {@code $NAME} in the path is expanded before use (a shell
   *     script's URL), rather than left as written (a kickstart command's URL)
   */
  static Optional<String> find(SourceUrl url, boolean shellVariablesExpand) {
    Matcher hostVariable = VARIABLE.matcher(url.host());
    if (hostVariable.find()) {
      return Optional.of(
          "the host is the variable '" + hostVariable.group() + "', which cannot be checked");
    }
    String rest = url.path() + "?" + url.query();
    Matcher variable = VARIABLE.matcher(rest);
    while (variable.find()) {
      String name = variable.group(1);
      if (!shellVariablesExpand && !isYumVariable(name)) {
        return Optional.of("unresolved variable '" + variable.group() + "'");
      }
    }
    Matcher template = TEMPLATE_TOKEN.matcher(url.host() + "/" + rest);
    if (template.find()) {
      return Optional.of("unresolved placeholder '" + template.group() + "'");
    }
    // Host names are case-insensitive, so only the path and query have upper-case placeholders.
    for (String token : rest.split("[/.?&=:]")) {
      String bare = token.startsWith("$") || token.startsWith("\\$") ? "" : token;
      if (UPPER_CASE_TOKEN.matcher(bare).matches() && !REAL_UPPER_CASE_NAMES.contains(bare)) {
        return Optional.of("unresolved placeholder '" + bare + "'");
      }
    }
    return Optional.empty();
  }

  private static boolean isYumVariable(String name) {
    return YUM_VARIABLES.contains(name) || name.matches("YUM[0-9]");
  }
}
