package io.jenkins.plugins.cloudimages.build;

/** Where a build reports as it goes: log lines and progress of long steps. */
public interface BuildListener {

  /** One line for the build log. */
  void log(String line);

  /** Progress of a long step, percent in 0..100. */
  default void progress(String step, int percent) {
    log(step + ": " + percent + "%");
  }

  /** A listener that drops everything. */
  static BuildListener silent() {
    return line -> {};
  }
}
