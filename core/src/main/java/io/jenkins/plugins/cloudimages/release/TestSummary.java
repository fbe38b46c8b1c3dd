package io.jenkins.plugins.cloudimages.release;

/** Totals of one or more JUnit reports. */
public record TestSummary(int tests, int failures, int errors, int skipped, double seconds) {

  public static final TestSummary EMPTY = new TestSummary(0, 0, 0, 0, 0);

  public TestSummary plus(TestSummary other) {
    return new TestSummary(
        tests + other.tests,
        failures + other.failures,
        errors + other.errors,
        skipped + other.skipped,
        seconds + other.seconds);
  }

  /** Passed: something ran, and nothing failed or errored. */
  public boolean passed() {
    return failures == 0 && errors == 0 && tests > skipped;
  }

  /** Why it did not pass, for a refusal message. */
  public String verdict() {
    if (failures > 0 || errors > 0) {
      return failures + " failed, " + errors + " errors of " + tests + " tests";
    }
    if (tests <= skipped) {
      return "no test ran (" + tests + " tests, " + skipped + " skipped)";
    }
    return tests + " tests passed (" + skipped + " skipped)";
  }

  /** "12 tests, 0 failures, 1 skipped in 84.2 s", as the release commit body says it. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "%d tests, %d failures, %d errors, %d skipped in %.1f s",
        tests,
        failures,
        errors,
        skipped,
        seconds);
  }
}
