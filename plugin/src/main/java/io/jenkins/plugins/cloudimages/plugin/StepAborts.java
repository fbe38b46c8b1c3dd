package io.jenkins.plugins.cloudimages.plugin;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.cloudimages.plugin.rules.WorkspacePaths;
import java.util.function.Supplier;

/**
 * A rule's refusal ({@link IllegalArgumentException}) as the step's {@link AbortException}: the
 * build log shows "step: reason", never a stack trace.
 */
final class StepAborts {
  private StepAborts() {}

  static <T> T unlessRefused(String step, Supplier<T> rule) throws AbortException {
    try {
      return rule.get();
    } catch (IllegalArgumentException e) {
      throw new AbortException(step + ": " + e.getMessage());
    }
  }

  /** The agent-reported {@code path} as a workspace path; one outside the workspace aborts. */
  static String insideWorkspace(String step, FilePath workspace, String path)
      throws AbortException {
    return unlessRefused(step, () -> WorkspacePaths.inside(workspace.getRemote(), path));
  }
}
