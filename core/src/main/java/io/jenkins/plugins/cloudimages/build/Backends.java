package io.jenkins.plugins.cloudimages.build;

import java.util.List;
import java.util.Locale;

/** The image builders by name, as chosen on the command line or in metadata. */
public final class Backends {
  private Backends() {}

  public static final List<String> NAMES =
      List.of("installroot", "virt-install", "livemedia-creator");

  /**
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static ImageBuilder get(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "installroot" -> new InstallrootBuilder();
      case "virt-install" -> new VirtInstallBuilder();
      case "livemedia-creator" -> new LivemediaCreatorBuilder();
      default ->
          throw new IllegalArgumentException(
              "Unknown backend name: " + name + " (" + String.join(", ", NAMES) + ")");
    };
  }
}
