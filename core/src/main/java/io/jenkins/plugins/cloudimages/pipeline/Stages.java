package io.jenkins.plugins.cloudimages.pipeline;

import io.jenkins.plugins.cloudimages.kickstart.ImageMetadata;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's stages as the pipeline chains them for one image. Each takes what the stage before
 * produced and returns what it produced, or throws {@link StageFailure}; {@code log} receives the
 * stage's log lines.
 */
public interface Stages {

  /**
   * A kickstart that validated: the syntax it was read with and its metadata, handed on so that no
   * later stage reads or validates them again.
   */
  record Validated(
      ImageToBuild image,
      Path kickstart,
      ImageMetadata metadata,
      SyntaxVersion syntax,
      List<String> clouds) {}

  /** The built image file (the format clouds boot) and its digest. */
  record Built(Validated source, String name, Path file, String sha256, boolean reused) {}

  /** Where the image was published. */
  record Published(Built built, String url) {}

  /** One cloud's test run: its JUnit report and whether every test passed. */
  record Tested(String cloud, Path junit, boolean passed, String summary) {}

  Validated validate(ImageToBuild image, Consumer<String> log) throws StageFailure;

  Built build(Validated image, Consumer<String> log) throws StageFailure;

  Published publish(Built image, Consumer<String> log) throws StageFailure;

  /** Boots the image on the cloud, runs the suite and destroys the instance, whatever happens. */
  Tested deployAndTest(Published image, String cloud, Consumer<String> log) throws StageFailure;

  /** Records the release and pushes the RELEASEABLE commit; returns the commit. */
  String release(Published image, List<Tested> tests, Consumer<String> log) throws StageFailure;
}
