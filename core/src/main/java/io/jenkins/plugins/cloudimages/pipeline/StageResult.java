package io.jenkins.plugins.cloudimages.pipeline;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one stage of one image ended: passed, failed (with the reason) or not run (with why not), its
 * duration and its log file.
 */
public record StageResult(
    String stage, Status status, Duration duration, String message, Path log) {
  public enum Status {
    PASSED,
    FAILED,
    NOT_RUN
  }

  public boolean passed() {
    return status == Status.PASSED;
  }
}
