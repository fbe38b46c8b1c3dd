package io.jenkins.plugins.cloudimages.kickstart;

import java.util.Locale;
import java.util.Optional;

/** The kickstart syntax versions, named as pykickstart names them, oldest first. */
public enum SyntaxVersion {
  RHEL5,
  RHEL6,
  RHEL7,
  RHEL8,
  RHEL9,
  RHEL10;

  /** The newest version, used when nothing else names one. */
  public static SyntaxVersion newest() {
    SyntaxVersion[] all = values();
    return all[all.length - 1];
  }

  /** Parses "RHEL6", "rhel6" or "6". */
  public static Optional<SyntaxVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String upper = text.trim().toUpperCase(Locale.ROOT);
    String name = upper.startsWith("RHEL") ? upper : "RHEL" + upper;
    for (SyntaxVersion version : values()) {
      if (version.name().equals(name)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  /** The release number: 5 for RHEL5. */
  public int release() {
    return Integer.parseInt(name().substring(4));
  }

  public boolean atLeast(SyntaxVersion other) {
    return compareTo(other) >= 0;
  }
}
