package io.jenkins.plugins.cloudimages.tfunctional;

/** The outcome of one test file. */
public enum TestStatus {
  /** Ran and exited 0. */
  PASSED,
  /** Ran and failed a check, or was still running when the time budget ran out. */
  FAILED,
  /** Could not be judged: the connection or the runner broke while it ran. */
  ERROR,
  /** Chose not to run on this release (SKIP), is disabled by the skip list, or was not reached. */
  SKIPPED
}
