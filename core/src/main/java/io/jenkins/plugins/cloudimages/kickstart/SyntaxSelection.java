package io.jenkins.plugins.cloudimages.kickstart;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the syntax version to read a kickstart with, independently of the image's release: the
 * one given explicitly, else the metadata's {@code syntax}, else the one the file name implies
 * ({@code CentOS-6-...} or {@code centos-5.11.ks}), else a {@code #version=} line, else the
 * metadata's release, else the newest.
 *
 * @param version the version chosen
 * @param reason where it comes from, for messages: {@code --syntax}, {@code metadata}, ...
 */
public record SyntaxSelection(SyntaxVersion version, String reason) {
  private static final Pattern ARCH =
      Pattern.compile("x86_64|i[3-6]86|aarch64|ppc64le|ppc64|s390x|armhfp|noarch");
  private static final Pattern RELEASE_TOKEN = Pattern.compile("(?:centos|rhel|el|c)?([0-9]+)");

  public static SyntaxSelection choose(
      SyntaxVersion explicit, ImageMetadata metadata, Path kickstart) {
    if (explicit != null) {
      return new SyntaxSelection(explicit, "--syntax");
    }
    if (metadata != null && metadata.syntax() != null) {
      return new SyntaxSelection(metadata.syntax(), "metadata syntax");
    }
    Optional<SyntaxVersion> fromName = fromFileName(kickstart.getFileName().toString());
    if (fromName.isPresent()) {
      return new SyntaxSelection(fromName.get(), "file name");
    }
    Optional<SyntaxVersion> fromHeader = KickstartParser.detectFromHeader(kickstart);
    if (fromHeader.isPresent()) {
      return new SyntaxSelection(fromHeader.get(), "#version= line");
    }
    Optional<SyntaxVersion> fromRelease =
        metadata == null ? Optional.empty() : fromRelease(metadata.release());
    return fromRelease.isPresent()
        ? new SyntaxSelection(fromRelease.get(), "metadata release")
        : new SyntaxSelection(SyntaxVersion.newest(), "newest");
  }

  /**
   * The release a file name names, e.g. {@code CentOS-6-x86_64-GenericCloud.ks}, {@code
   * centos-5.11.ks}, {@code centos7.ks}, {@code openstack-65-x86_64.ks} (6.5).
   */
  static Optional<SyntaxVersion> fromFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.(ks|cfg|txt)$", "");
    for (String token : ARCH.matcher(name).replaceAll("-").split("[-_.]+")) {
      Matcher release = RELEASE_TOKEN.matcher(token);
      if (release.matches()) {
        Optional<SyntaxVersion> version = fromReleaseDigits(release.group(1));
        if (version.isPresent()) {
          return version;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<SyntaxVersion> fromReleaseDigits(String digits) {
    if (digits.length() == 1 || digits.equals("10")) {
      return SyntaxVersion.parse(digits);
    }
    if (digits.length() == 2) {
      // "65" in openstack-65-x86_64.ks is release 6.5
      return SyntaxVersion.parse(digits.substring(0, 1));
    }
    return Optional.empty();
  }

  private static Optional<SyntaxVersion> fromRelease(String release) {
    return release == null ? Optional.empty() : SyntaxVersion.parse(release.split("\\.")[0]);
  }
}
