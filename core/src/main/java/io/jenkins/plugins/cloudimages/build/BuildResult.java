package io.jenkins.plugins.cloudimages.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a build produced, or which earlier image it reused.
 *
 * @param name the versioned image name without extension
 * @param reused true when an image with the same input digest existed and nothing was built
 * @param inputDigest sha256 over the flattened kickstart, metadata and repository revisions
 * @param images the image files (one per format)
 * @param otherFiles checksums, signature, manifest, SBOM, build-info, Dockerfile, build log
 * @param buildInfo the build-info.json of the image (the reused one's when reused)
 */
public record BuildResult(
    String name,
    boolean reused,
    String inputDigest,
    List<Path> images,
    List<Path> otherFiles,
    Optional<Path> buildInfo) {
  public BuildResult {
    images = List.copyOf(images);
    otherFiles = List.copyOf(otherFiles);
  }
}
