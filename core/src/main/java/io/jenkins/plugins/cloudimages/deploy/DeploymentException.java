package io.jenkins.plugins.cloudimages.deploy;

import java.nio.file.Path;

/**
 * A deployment failed (and everything it created was destroyed, or the message says what was left).
 * {@code diagnostics} is the folder with the saved serial console, or null.
 */
public class DeploymentException extends CloudException {
  private final transient Path diagnostics;

  public DeploymentException(String message, Path diagnostics, Throwable cause) {
    super(message, 0, cause);
    this.diagnostics = diagnostics;
  }

  public Path diagnostics() {
    return diagnostics;
  }
}
