package io.jenkins.plugins.cloudimages.build;

/**
 * The build could not start because of the environment (a missing tool, a missing option), not
 * because of its input; the command line exits 2 for it.
 */
public class BuildEnvironmentException extends BuildException {
  public BuildEnvironmentException(String message) {
    super(message);
  }
}
