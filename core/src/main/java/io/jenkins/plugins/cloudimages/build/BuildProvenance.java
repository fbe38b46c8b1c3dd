package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where and with what a build ran, for build-info.json: the tools' versions, the kickstart's git
 * commit (and whether the kickstart differs from it) and the build host. Asking costs process
 * start-ups (dnf's version alone is a Python start-up), so builds gather it while they run.
 *
 * @param gitCommit the commit checked out where the kickstart lies, when it lies in a git work tree
 * @param gitDirty whether the kickstart has changes not committed
 */
record BuildProvenance(
    Map<String, String> toolVersions,
    Optional<String> gitCommit,
    boolean gitDirty,
    String hostName) {

  static BuildProvenance of(Path kickstart, Map<String, String> toolVersions) {
    Path file = kickstart.toAbsolutePath();
    Path dir = file.getParent();
    ProcessRunner.Result head = git(dir, "rev-parse", "HEAD");
    if (!head.succeeded()) {
      return new BuildProvenance(toolVersions, Optional.empty(), false, localHostName());
    }
    boolean dirty = !git(dir, "status", "--porcelain", "--", file.toString()).output().isBlank();
    return new BuildProvenance(
        toolVersions, Optional.of(head.output().trim()), dirty, localHostName());
  }

  private static ProcessRunner.Result git(Path dir, String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "git";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    return new ProcessRunner().in(dir).timeout(Duration.ofSeconds(20)).run(command);
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
