package io.jenkins.plugins.cloudimages.tfunctional;

import java.time.Duration;

/**
 * What one test file did.
 *
 * @param path relative to the suite root, e.g. {@code tests/p_bash/10_version.sh}
 * @param status its outcome
 * @param message why it failed or was skipped (null when it passed)
 * @param output what it printed (bounded: long output keeps its beginning and its end)
 * @param time how long it ran
 */
public record TestCaseResult(
    String path, TestStatus status, String message, String output, Duration time) {

  /** The test directory, e.g. {@code p_bash}; the JUnit class. */
  public String directory() {
    return new PlannedTest(path, null).directory();
  }

  /** The file inside its directory; the JUnit test name. */
  public String name() {
    return new PlannedTest(path, null).name();
  }
}
