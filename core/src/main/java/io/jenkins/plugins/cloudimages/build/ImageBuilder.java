package io.jenkins.plugins.cloudimages.build;

/**
 * Turns a validated kickstart into image files. One implementation per way of building: {@code
 * installroot} (dnf into a folder, no VM), {@code virt-install} and {@code livemedia-creator}
 * (anaconda).
 */
public interface ImageBuilder {

  /** The backend name used on the command line and in build-info.json. */
  String name();

  /**
   * Builds, or reuses an image with the same input digest.
   *
   * @throws BuildException when the build ran and failed, with a message for a person
   */
  BuildResult build(BuildRequest request, BuildListener listener) throws BuildException;
}
