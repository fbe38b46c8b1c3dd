package io.jenkins.plugins.cloudimages.plugin.rules;

import java.io.Serializable;
import java.util.List;

/**
 * One built image as {@code kickstartImage} reports it: the file (relative to the workspace), where
 * it was published, and its digest.
 */
public record ImageInfo(
    String name, String file, List<String> formats, String sha256, String url, String metadataPath)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ImageInfo {
    formats = List.copyOf(formats);
  }
}
