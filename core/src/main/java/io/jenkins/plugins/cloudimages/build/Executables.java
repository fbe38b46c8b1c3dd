package io.jenkins.plugins.cloudimages.build;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a tool on the build's own PATH (the request's {@code tool-path} first, then the JVM's
 * PATH). Java starts a child by the parent's PATH, so a tool path set for the build has to be
 * resolved here.
 */
final class Executables {
  static final String TOOL_PATH_OPTION = "tool-path";

  private Executables() {}

  static String searchPath(BuildRequest request) {
    String system = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    String extra = request.backendOptions().getOrDefault(TOOL_PATH_OPTION, "");
    return extra.isEmpty() ? system : extra + File.pathSeparator + system;
  }

  static Optional<Path> find(String tool, Map<String, String> environment) {
    if (tool.contains("/")) {
      return Files.isExecutable(Path.of(tool)) ? Optional.of(Path.of(tool)) : Optional.empty();
    }
    String path = environment.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Optional.of(Path.of(dir, tool));
      }
    }
    return Optional.empty();
  }

  /** The command with its first word resolved; unchanged when the tool is not found. */
  static List<String> resolve(List<String> command, Map<String, String> environment) {
    List<String> resolved = new ArrayList<>(command);
    find(command.get(0), environment).ifPresent(p -> resolved.set(0, p.toString()));
    return resolved;
  }

  /** Fails with the install hint when a tool is missing. */
  static void require(Map<String, String> environment, String hint, String... tools)
      throws BuildEnvironmentException {
    for (String tool : tools) {
      if (find(tool, environment).isEmpty()) {
        throw new BuildEnvironmentException(tool + " is not installed: " + hint);
      }
    }
  }
}
