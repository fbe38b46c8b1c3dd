package io.jenkins.plugins.cloudimages.build;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Release, arch and variant of an image: {@code CentOS-<release>-<arch>-<variant>} as in
 * conventions.md.
 */
public record ImageIdentity(String release, String arch, String variant) {
  private static final Pattern KICKSTART_NAME =
      Pattern.compile("CentOS-(\\d+(?:\\.\\d+)?)-([A-Za-z0-9_]+)-([A-Za-z0-9._]+?)\\.(?:ks|cfg)");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

  public ImageIdentity {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(variant, "variant");
  }

  /** Reads {@code CentOS-9-x86_64-GenericCloud.ks}; empty when the name does not follow it. */
  public static Optional<ImageIdentity> fromKickstartName(Path kickstart) {
    Matcher m = KICKSTART_NAME.matcher(kickstart.getFileName().toString());
    return m.matches()
        ? Optional.of(new ImageIdentity(m.group(1), m.group(2), m.group(3)))
        : Optional.empty();
  }

  /** The major release as a number (9 for "9" or "9.4"). */
  public int majorRelease() {
    return Integer.parseInt(release.split("\\.")[0]);
  }

  /** {@code CentOS-9-x86_64-GenericCloud} */
  public String unversionedName() {
    return "CentOS-" + release + "-" + arch + "-" + variant;
  }

  /** {@code CentOS-9-x86_64-GenericCloud-261125_01} */
  public String versionedName(LocalDate day, int number) {
    return unversionedName() + "-" + DAY.format(day) + "_" + String.format("%02d", number);
  }
}
