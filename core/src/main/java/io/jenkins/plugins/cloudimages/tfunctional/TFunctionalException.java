package io.jenkins.plugins.cloudimages.tfunctional;

/**
 * The tests could not be run: bad configuration, a suite that cannot be fetched, a directory that
 * does not exist, an unreadable skip list. The message says what and where.
 */
public class TFunctionalException extends Exception {
  public TFunctionalException(String message) {
    super(message);
  }

  public TFunctionalException(String message, Throwable cause) {
    super(message, cause);
  }
}
