package io.jenkins.plugins.cloudimages.tfunctional;

/**
 * A file of the suite as found on the instance.
 *
 * @param path relative to the suite root, e.g. {@code tests/p_bash/bash_version_info_test.sh}
 * @param executable whether its execute bit is set (only executable files run)
 */
public record SuiteFile(String path, boolean executable) {}
