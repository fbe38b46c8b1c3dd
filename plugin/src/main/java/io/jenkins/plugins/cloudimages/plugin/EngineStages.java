package io.jenkins.plugins.cloudimages.plugin;

import hudson.AbortException;

/**
 * The engine stages this plugin calls that are not part of the engine it was built with yet. Each
 * fails the build with a clear message instead of pretending to work.
 */
final class EngineStages {
  private EngineStages() {}

  static AbortException missing(String stage) {
    return new AbortException(
        "cloud-images: the "
            + stage
            + " stage is not available in this version of the cloud-images engine");
  }
}
