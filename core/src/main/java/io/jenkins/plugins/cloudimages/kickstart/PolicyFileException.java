package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;

/** A content policy or mirror map that cannot be used; the message names the file and line. */
public final class PolicyFileException extends IOException {
  public PolicyFileException(String message) {
    super(message);
  }
}
