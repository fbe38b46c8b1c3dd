package io.jenkins.plugins.cloudimages.tfunctional;

/** A remote command could not be run; the message says why in one sentence. */
public class RemoteShellException extends Exception {
  public RemoteShellException(String message) {
    super(message);
  }

  public RemoteShellException(String message, Throwable cause) {
    super(message, cause);
  }
}
