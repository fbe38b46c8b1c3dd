package io.jenkins.plugins.cloudimages.build;

import java.util.Locale;

/** Optional compression of a whole image file, added as a suffix to its name. */
public enum Compression {
  NONE(""),
  XZ(".xz"),
  GZ(".gz");

  private final String suffix;

  Compression(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }

  public static Compression parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "none", "" -> NONE;
      case "xz" -> XZ;
      case "gz", "gzip" -> GZ;
      default -> throw new IllegalArgumentException("unknown compression: " + text + " (xz, gz)");
    };
  }
}
