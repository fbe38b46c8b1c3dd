package io.jenkins.plugins.cloudimages.build;

/** A build that ran and failed; the message says why in words a person can act on. */
public class BuildException extends Exception {
  public BuildException(String message) {
    super(message);
  }

  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
