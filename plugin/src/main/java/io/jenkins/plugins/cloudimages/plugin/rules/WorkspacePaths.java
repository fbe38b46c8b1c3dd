package io.jenkins.plugins.cloudimages.plugin.rules;

import java.nio.file.Path;

/**
 * Paths that an agent reports (image files, reports) are only trusted inside the build's workspace:
 * a compromised or confused agent must not make the controller read or publish anything else.
 */
public final class WorkspacePaths {
  private WorkspacePaths() {}

  /**
   * Resolves {@code reported} (absolute or relative to {@code workspace}) and returns it relative
   * to the workspace.
   *
   * @throws IllegalArgumentException when it leads outside the workspace
   */
  public static String inside(String workspace, String reported) {
    if (reported == null || reported.isBlank()) {
      throw new IllegalArgumentException("the agent reported no path");
    }
    if (reported.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("the agent reported a path with a NUL byte");
    }
    Path root = Path.of(workspace).toAbsolutePath().normalize();
    Path path = root.resolve(reported).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException(
          "the agent reported a path outside the workspace: " + reported);
    }
    return root.relativize(path).toString().replace('\\', '/');
  }
}
