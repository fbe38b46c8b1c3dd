package io.jenkins.plugins.cloudimages.pipeline;

import io.jenkins.plugins.cloudimages.kickstart.Problem;
import java.util.List;

/** The validate stage refused the kickstart; every problem it found, with file and line. */
public final class InvalidKickstart extends StageFailure {
  private final transient List<Problem> problems;

  public InvalidKickstart(String message, List<Problem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** The errors and warnings, in the validator's order. */
  public List<Problem> problems() {
    return problems;
  }
}
