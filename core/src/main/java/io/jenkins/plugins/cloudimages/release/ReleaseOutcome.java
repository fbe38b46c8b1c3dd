package io.jenkins.plugins.cloudimages.release;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a release ended. {@code commit} is the release commit (landed, or found already there);
 * {@code savedBranch} names the local branch that keeps a commit that could not land.
 */
public record ReleaseOutcome(
    Status status,
    String reason,
    String commit,
    int attempts,
    ObjectNode record,
    String tag,
    String savedBranch) {

  /** The four ways a release ends. */
  public enum Status {
    /** The release commit is on the remote branch now. */
    LANDED,
    /** The metadata already had this exact record: nothing to do. */
    ALREADY_RELEASED,
    /** Refused before anything was committed (tests, digest, conflicting record...). */
    REFUSED,
    /** It could not land (races lost, or a conflict); the record and commit are kept. */
    FAILED
  }

  public boolean succeeded() {
    return status == Status.LANDED || status == Status.ALREADY_RELEASED;
  }

  static ReleaseOutcome refused(String reason) {
    return new ReleaseOutcome(Status.REFUSED, reason, null, 0, null, null, null);
  }
}
