package io.jenkins.plugins.cloudimages.deploy;

/** The connection to the instance was lost while a command ran or a file was copied. */
public class ConnectionDroppedException extends RemoteShellException {
  public ConnectionDroppedException(String message) {
    super(message);
  }

  public ConnectionDroppedException(String message, Throwable cause) {
    super(message, cause);
  }
}
