package io.jenkins.plugins.cloudimages.release;

/** A git operation failed; the message says which and why, without secrets. */
public class GitException extends Exception {
  public GitException(String message) {
    super(message);
  }
}
