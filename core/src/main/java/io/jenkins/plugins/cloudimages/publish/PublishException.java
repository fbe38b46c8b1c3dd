package io.jenkins.plugins.cloudimages.publish;

/** The image host refused a file; the message says why in one sentence. */
public class PublishException extends Exception {

  /** Why a publish failed. */
  public enum Reason {
    NAME_EXISTS,
    NO_SPACE,
    DIGEST_MISMATCH,
    SIZE_MISMATCH,
    LOCAL_FILE_CHANGED,
    LOCKED,
    CONNECTION_LOST,
    REMOTE_ERROR
  }

  private final Reason reason;

  public PublishException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public PublishException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
