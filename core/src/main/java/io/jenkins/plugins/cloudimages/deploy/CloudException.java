package io.jenkins.plugins.cloudimages.deploy;

/** A cloud call failed; the message says which call and what the cloud answered. */
public class CloudException extends Exception {
  private final int status;

  public CloudException(String message) {
    this(message, 0, null);
  }

  public CloudException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status the cloud answered, or 0. */
  public int status() {
    return status;
  }

  public boolean isNotFound() {
    return status == 404;
  }
}
