package io.jenkins.plugins.cloudimages.plugin.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What {@code kickstartImage} asks the engine to do on the agent, decided from the step's
 * parameters and the global configuration.
 *
 * @param kickstart path relative to the workspace
 * @param release the CentOS release (kickstart syntax RHEL&lt;release&gt;)
 * @param mirrorMap URL prefix replacements, in order
 * @param allowedHosts hosts the kickstart may install from; empty means the engine's defaults
 */
public record ImageRequest(
    String kickstart,
    String image,
    String release,
    String arch,
    String backend,
    Map<String, String> mirrorMap,
    List<String> allowedHosts)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ImageRequest {
    mirrorMap = Map.copyOf(mirrorMap);
    allowedHosts = List.copyOf(allowedHosts);
  }

  /**
   * Maps the step's parameters onto a request.
   *
   * @throws IllegalArgumentException with a message for the build log when they do not fit together
   */
  public static ImageRequest plan(
      String kickstart,
      String arch,
      String release,
      String backend,
      Map<String, String> mirrorMap,
      List<String> allowedHosts) {
    Check path = FieldRules.kickstart(kickstart);
    if (path.isError()) {
      throw new IllegalArgumentException(path.message());
    }
    Check archCheck = FieldRules.arch(arch, kickstart);
    if (archCheck.isError()) {
      throw new IllegalArgumentException(archCheck.message());
    }
    Check backendCheck = FieldRules.backend(backend);
    if (backendCheck.isError()) {
      throw new IllegalArgumentException(backendCheck.message());
    }
    String k = kickstart.strip();
    KickstartName name = KickstartName.of(k).orElse(null);
    String a = blank(arch) ? (name == null ? null : name.arch()) : arch.strip();
    String r = blank(release) ? (name == null ? null : name.release()) : release.strip();
    if (a == null || r == null) {
      throw new IllegalArgumentException(
          k + " is not named CentOS-<release>-<arch>-<variant>.ks: give release and arch");
    }
    if (name != null && !name.release().equals(r)) {
      throw new IllegalArgumentException(
          "the kickstart is for release " + name.release() + ", not " + r);
    }
    String image =
        name != null
            ? name.image()
            : k.substring(k.lastIndexOf('/') + 1).replaceFirst("\\.ks$", "");
    return new ImageRequest(
        k, image, r, a, blank(backend) ? "installroot" : backend.strip(), mirrorMap, allowedHosts);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
