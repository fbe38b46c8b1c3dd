package io.jenkins.plugins.cloudimages.build;

import java.util.Locale;

/** The image file formats the builders write (conventions.md). */
public enum ImageFormat {
  RAW("raw"),
  QCOW2("qcow2"),
  VMDK("vmdk"),
  VHDX("vhdx"),
  /** A root file system tarball with a Dockerfile beside it. */
  TAR_XZ("tar.xz");

  private final String extension;

  ImageFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** Parses "qcow2", "tar.xz" ... */
  public static ImageFormat parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (ImageFormat format : values()) {
      if (format.extension.equals(wanted)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown image format: " + text + " (raw, qcow2, vmdk, vhdx, tar.xz)");
  }
}
