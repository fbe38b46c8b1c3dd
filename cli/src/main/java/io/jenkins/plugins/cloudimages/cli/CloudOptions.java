package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.CloudsFile;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --cloud NAME [--clouds FILE]}, shared by deploy, destroy and janitor. */
final class CloudOptions {
  @Option(
      names = "--cloud",
      required = true,
      paramLabel = "NAME",
      description = "Cloud from the clouds file; 'local' (QEMU here) needs none.")
  String cloud;

  @Option(
      names = "--clouds",
      paramLabel = "FILE",
      description = "Clouds file (default: $CLOUDIMG_CLOUDS or ~/.config/cloudimg/clouds.json).")
  Path cloudsFile;

  CloudSettings settings() throws CloudException {
    return CloudsFile.find(cloudsFile == null ? CloudsFile.defaultPath() : cloudsFile, cloud);
  }

  CloudDriver driver() throws CloudException {
    CloudSettings settings = settings();
    try {
      return DriverRegistry.create(settings, line -> System.err.println(line));
    } catch (IllegalArgumentException e) {
      throw new CloudException("cloud " + cloud + ": " + e.getMessage());
    }
  }

  /** "90s", "10m", "2h", "1d" or ISO-8601 ("PT2H"). */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.matches("\\d+[smhd]")) {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (use e.g. 90s, 10m, 2h, 1d)", e);
    }
  }
}
