package io.jenkins.plugins.cloudimages.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the pipeline did for one image and arch: each stage's result in order, and what the
 * stages produced (null where a stage did not get that far).
 */
public record ImageOutcome(
    ImageToBuild image,
    List<StageResult> stages,
    String imageName,
    String sha256,
    String url,
    List<Path> junit,
    String releaseCommit) {

  public ImageOutcome {
    stages = List.copyOf(stages);
    junit = List.copyOf(junit);
  }

  /** Passed only when every stage ran and passed, the release included. */
  public boolean passed() {
    return !stages.isEmpty() && stages.stream().allMatch(StageResult::passed);
  }
}
