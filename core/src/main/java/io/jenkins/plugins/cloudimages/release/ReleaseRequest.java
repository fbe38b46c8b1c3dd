package io.jenkins.plugins.cloudimages.release;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What to release: the image, the metadata file (path inside the repository) that records it, the
 * test reports that justify it, and how to commit it. Optional parts are null: {@code branch} (the
 * remote's default branch), {@code author} (the repository's git identity), {@code kickstartCommit}
 * (the newest commit that changed the image's kickstart), {@code build}.
 */
public record ReleaseRequest(
    String image,
    String sha256,
    String url,
    String metadataPath,
    String branch,
    List<JUnitReport> reports,
    List<String> clouds,
    String comment,
    GitIdentity author,
    boolean tag,
    String kickstartCommit,
    String build) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ReleaseRequest {
    if (image == null || image.isBlank() || image.contains("/") || image.contains(" ")) {
      throw new IllegalArgumentException("--image must be an image file name, got: " + image);
    }
    sha256 = sha256 == null ? "" : sha256.strip().toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("--sha256 must be 64 hexadecimal digits, got: " + sha256);
    }
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("--url is required");
    }
    if (metadataPath == null || metadataPath.isBlank() || metadataPath.startsWith("/")) {
      throw new IllegalArgumentException(
          "--metadata must be a path inside the repository, got: " + metadataPath);
    }
    reports = List.copyOf(reports);
    clouds = List.copyOf(clouds);
  }

  /** The kickstart beside the metadata file ({@code X.json} describes {@code X.ks}). */
  public String kickstartPath() {
    return metadataPath.replaceFirst("\\.json$", "") + ".ks";
  }
}
