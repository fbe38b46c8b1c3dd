package io.jenkins.plugins.cloudimages.tfunctional;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run and how.
 *
 * @param suite where the suite comes from
 * @param mode the suite's runtests.sh, or one test case per file
 * @param tests test directories to run (e.g. {@code p_bash}); empty for the whole suite. The {@code
 *     0_*} directories always run first.
 * @param skipList tests to disable, added to the suite's own {@code skipped-tests.list}
 * @param release the image's major release for the skip lists, or null to detect it on the instance
 * @param budget how long the tests may run; when it runs out the remote process tree is killed
 * @param fetchTimeout how long getting the suite onto the instance may take
 * @param environment extra variables for every test
 * @param remoteBase the instance's folder under which the run's working folder is made
 * @param keepRemote leave the working folder on the instance (for debugging)
 */
public record TFunctionalConfig(
    SuiteSource suite,
    Mode mode,
    List<String> tests,
    SkipList skipList,
    String release,
    Duration budget,
    Duration fetchTimeout,
    Map<String, String> environment,
    String remoteBase,
    boolean keepRemote) {

  public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(10);
  public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofMinutes(5);

  /** How the suite runs. */
  public enum Mode {
    /** The suite's own runtests.sh, unchanged. */
    RUNTESTS,
    /** Each test file separately, one JUnit test case per file. */
    PER_FILE
  }

  public TFunctionalConfig {
    Objects.requireNonNull(suite, "suite");
    mode = mode == null ? Mode.RUNTESTS : mode;
    tests = tests == null ? List.of() : List.copyOf(tests);
    skipList = skipList == null ? SkipList.empty() : skipList;
    budget = budget == null ? DEFAULT_BUDGET : budget;
    fetchTimeout = fetchTimeout == null ? DEFAULT_FETCH_TIMEOUT : fetchTimeout;
    environment = environment == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(environment));
    remoteBase = remoteBase == null || remoteBase.isBlank() ? "/var/tmp" : remoteBase;
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("the time budget must be positive, not " + budget);
    }
    for (String name : environment.keySet()) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("not a valid environment variable name: " + name);
      }
    }
  }

  /** The whole suite in runtests mode with the default budget. */
  public static TFunctionalConfig of(SuiteSource suite) {
    return new TFunctionalConfig(suite, null, null, null, null, null, null, null, null, false);
  }

  public TFunctionalConfig withMode(Mode value) {
    return new TFunctionalConfig(
        suite,
        value,
        tests,
        skipList,
        release,
        budget,
        fetchTimeout,
        environment,
        remoteBase,
        keepRemote);
  }

  public TFunctionalConfig withTests(List<String> value) {
    return new TFunctionalConfig(
        suite,
        mode,
        value,
        skipList,
        release,
        budget,
        fetchTimeout,
        environment,
        remoteBase,
        keepRemote);
  }

  public TFunctionalConfig withSkipList(SkipList value) {
    return new TFunctionalConfig(
        suite,
        mode,
        tests,
        value,
        release,
        budget,
        fetchTimeout,
        environment,
        remoteBase,
        keepRemote);
  }

  public TFunctionalConfig withRelease(String value) {
    return new TFunctionalConfig(
        suite,
        mode,
        tests,
        skipList,
        value,
        budget,
        fetchTimeout,
        environment,
        remoteBase,
        keepRemote);
  }

  public TFunctionalConfig withBudget(Duration value) {
    return new TFunctionalConfig(
        suite,
        mode,
        tests,
        skipList,
        release,
        value,
        fetchTimeout,
        environment,
        remoteBase,
        keepRemote);
  }

  public TFunctionalConfig withEnvironment(Map<String, String> value) {
    return new TFunctionalConfig(
        suite, mode, tests, skipList, release, budget, fetchTimeout, value, remoteBase, keepRemote);
  }

  public TFunctionalConfig withRemoteBase(String value) {
    return new TFunctionalConfig(
        suite,
        mode,
        tests,
        skipList,
        release,
        budget,
        fetchTimeout,
        environment,
        value,
        keepRemote);
  }
}
