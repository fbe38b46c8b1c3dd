package io.jenkins.plugins.cloudimages.publish;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned image names ({@code CentOS-9-x86_64-GenericCloud-251125_01.qcow2}) and their
 * unversioned aliases ({@code CentOS-9-x86_64-GenericCloud.qcow2}).
 */
public final class ImageNames {
  private static final Pattern VERSIONED =
      Pattern.compile("(?<base>[^/]+?)-(?<version>\\d{6}_\\d{2})(?<suffix>\\.[A-Za-z0-9.]+)");

  private ImageNames() {}

  /** The alias of a versioned name; empty when the name carries no {@code -YYMMDD_NN} stamp. */
  public static Optional<String> aliasOf(String name) {
    Matcher m = VERSIONED.matcher(name);
    return m.matches() ? Optional.of(m.group("base") + m.group("suffix")) : Optional.empty();
  }

  /** The {@code YYMMDD_NN} stamp, which sorts in release order; empty for other names. */
  public static Optional<String> versionOf(String name) {
    Matcher m = VERSIONED.matcher(name);
    return m.matches() ? Optional.of(m.group("version")) : Optional.empty();
  }
}
