package io.jenkins.plugins.cloudimages.plugin;

import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files an agent needs for a moment: secrets written owner-only, removed by the caller. */
final class AgentFiles {
  private AgentFiles() {}

  /** A private folder beside the workspace (never inside it, so archiving cannot pick it up). */
  static Path privateDir(Path workspace, String purpose) throws IOException {
    Path parent =
        workspace.toAbsolutePath().normalize().resolveSibling(workspace.getFileName() + "@tmp");
    Files.createDirectories(parent);
    return Files.createTempDirectory(
        parent,
        "cloudimg-" + purpose + "-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  static Path writeSecret(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
        content.endsWith("\n") ? content : content + "\n");
    return file;
  }

  static Path writeKey(Path dir, Login.SshKey key) throws IOException {
    if (key.passphrase() != null && !key.passphrase().isEmpty()) {
      throw new IOException(
          "SSH keys with a passphrase are not supported by the engine yet; use a key without one");
    }
    return writeSecret(dir, "id_key", key.privateKey());
  }

  static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(AgentFiles::deleteQuietly);
    } catch (IOException e) {
      // best effort: the folder is owner-only and beside the workspace
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }
}
