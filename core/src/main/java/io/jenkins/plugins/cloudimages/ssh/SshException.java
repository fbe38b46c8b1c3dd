package io.jenkins.plugins.cloudimages.ssh;

/** An SSH failure whose message says, in one sentence, what went wrong. */
public class SshException extends Exception {
  public SshException(String message) {
    super(message);
  }

  public SshException(String message, Throwable cause) {
    super(message, cause);
  }
}
