package io.jenkins.plugins.cloudimages.tfunctional;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Counts of a run, as the release record and the JUnit report give them. */
public record TFunctionalSummary(int tests, int failures, int errors, int skipped, Duration time) {

  static TFunctionalSummary of(List<TestCaseResult> cases, Duration time) {
    return new TFunctionalSummary(
        cases.size(),
        count(cases, TestStatus.FAILED),
        count(cases, TestStatus.ERROR),
        count(cases, TestStatus.SKIPPED),
        time);
  }

  private static int count(List<TestCaseResult> cases, TestStatus status) {
    return (int) cases.stream().filter(c -> c.status() == status).count();
  }

  public int passed() {
    return tests - failures - errors - skipped;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d tests, %d failures, %d errors, %d skipped in %.1f s",
        tests,
        failures,
        errors,
        skipped,
        time.toMillis() / 1000.0);
  }
}
