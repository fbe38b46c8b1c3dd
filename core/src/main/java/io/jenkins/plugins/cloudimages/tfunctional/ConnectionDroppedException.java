package io.jenkins.plugins.cloudimages.tfunctional;

/** The connection to the machine under test was lost while a command ran. */
public class ConnectionDroppedException extends RemoteShellException {
  public ConnectionDroppedException(String message) {
    super(message);
  }

  public ConnectionDroppedException(String message, Throwable cause) {
    super(message, cause);
  }
}
