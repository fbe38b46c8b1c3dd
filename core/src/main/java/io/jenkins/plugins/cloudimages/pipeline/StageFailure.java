package io.jenkins.plugins.cloudimages.pipeline;

/** A stage ran and failed; the message says why, for a person. */
public class StageFailure extends Exception {
  public StageFailure(String message) {
    super(message);
  }

  public StageFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
