package io.jenkins.plugins.cloudimages.deploy;

import java.io.IOException;

/** A remote command or copy could not be run; the message says why in one sentence. */
public class RemoteShellException extends IOException {
  public RemoteShellException(String message) {
    super(message);
  }

  public RemoteShellException(String message, Throwable cause) {
    super(message, cause);
  }
}
