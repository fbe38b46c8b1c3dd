package io.jenkins.plugins.cloudimages.testing;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an OS tool call {@link #require}. Outside CI a missing tool skips the test with
 * the reason; under CI (system property cloudimg.requireTools=true, set by the ci profile when
 * CI=true) it fails the test, so a missing install step can never pass silently.
 */
public final class RequiredTools {
  private RequiredTools() {}

  public static void require(String... tools) {
    for (String tool : tools) {
      boolean present =
          tool.startsWith("/") ? new java.io.File(tool).canExecute() : ProcessRunner.onPath(tool);
      if (!present) {
        String message = tool + " is not installed (run .ci/install-tools as root)";
        if (Boolean.getBoolean("cloudimg.requireTools")) {
          throw new AssertionError(message);
        }
        Assumptions.abort(message);
      }
    }
  }

  /** Tests that need root (chroot, sshd privilege separation) call this. */
  public static void requireRoot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      String message = "this test needs root";
      if (Boolean.getBoolean("cloudimg.requireTools")) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
  }
}
