package io.jenkins.plugins.cloudimages.plugin.rules;

import java.util.List;

/**
 * Whether {@code releaseMarker} may release: only a build that passed so far, tested everywhere.
 */
public final class ReleaseGate {
  private ReleaseGate() {}

  /** One t_functional run recorded in this build. */
  public record TestRun(String cloud, String image, boolean passed, String report) {}

  /** The answer, with the reason when it is no. */
  public record Decision(boolean allowed, String reason) {}

  /**
   * @param buildResult the build's result so far (null while running and nothing went wrong)
   * @param image the image to release
   * @param runs the t_functional runs of this build
   */
  public static Decision decide(String buildResult, String image, List<TestRun> runs) {
    if (buildResult != null && !"SUCCESS".equals(buildResult)) {
      return new Decision(false, "the build is " + buildResult + " so far; nothing is released");
    }
    List<TestRun> mine = runs.stream().filter(r -> r.image().equals(image)).toList();
    if (mine.isEmpty()) {
      return new Decision(false, "no tFunctional run of " + image + " in this build");
    }
    List<String> failed = mine.stream().filter(r -> !r.passed()).map(TestRun::cloud).toList();
    if (!failed.isEmpty()) {
      return new Decision(false, image + " failed t_functional on " + String.join(", ", failed));
    }
    return new Decision(true, "");
  }
}
