package io.jenkins.plugins.cloudimages.plugin.rules;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a kickstart file name that follows the CentOS Cloud Instance SIG convention, {@code
 * CentOS-<release>-<arch>-<variant>.ks}.
 */
public record KickstartName(String image, String release, String arch, String variant) {
  private static final Pattern NAME =
      Pattern.compile(
          "(?<image>CentOS-(?<release>\\d+)-(?<arch>i386|x86_64|aarch64|ppc64le)-(?<variant>[A-Za-z0-9]+))\\.ks");

  /**
   * Parses the last element of {@code path}; empty when the name does not follow the convention.
   */
  public static Optional<KickstartName> of(String path) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    Matcher m = NAME.matcher(file);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new KickstartName(
            m.group("image"), m.group("release"), m.group("arch"), m.group("variant")));
  }

  /** The release of an image or kickstart named {@code CentOS-<release>-...}. */
  public static Optional<String> releaseOf(String name) {
    Matcher m = Pattern.compile("CentOS-(\\d+)-.*").matcher(name == null ? "" : name);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The metadata file beside the kickstart: {@code X.json} describes {@code X.ks}. */
  public static String metadataPathOf(String kickstartPath) {
    return kickstartPath.replaceFirst("\\.ks$", "") + ".json";
  }
}
