package io.jenkins.plugins.cloudimages.deploy;

import java.net.URI;
import java.nio.file.Path;

/**
 * The image to boot: a local file (uploaded or booted directly), a published URL (clouds that
 * import from a URL), or both; its format (qcow2, raw, vmdk, tar.xz) and sha256.
 */
public record ImageSource(String name, Path file, URI url, String format, String sha256) {
  public ImageSource {
    if (file == null && url == null) {
      throw new IllegalArgumentException("an image needs a file or a URL");
    }
  }
}
