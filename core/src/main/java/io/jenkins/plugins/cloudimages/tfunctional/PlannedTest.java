package io.jenkins.plugins.cloudimages.tfunctional;

/**
 * A test file in run order.
 *
 * @param path relative to the suite root, e.g. {@code tests/p_bash/10_version.sh}
 * @param skipReason why the skip list disables it, or null when it runs
 */
public record PlannedTest(String path, String skipReason) {

  public boolean runs() {
    return skipReason == null;
  }

  /** The test directory, e.g. {@code p_bash}. */
  public String directory() {
    String rest = path.substring(path.indexOf('/') + 1);
    return rest.substring(0, rest.indexOf('/'));
  }

  /** The file's path inside its test directory, e.g. {@code 10_version.sh}. */
  public String name() {
    String rest = path.substring(path.indexOf('/') + 1);
    return rest.substring(rest.indexOf('/') + 1);
  }
}
