package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The private work directory of one build: a fresh, uniquely named folder under the work root, so
 * parallel builds never share paths, VM names or disks. Removed when closed unless kept.
 */
final class WorkDirectory implements AutoCloseable {
  private final Path path;
  private final boolean keep;

  private WorkDirectory(Path path, boolean keep) {
    this.path = path;
    this.keep = keep;
  }

  static WorkDirectory create(Path workRoot, String prefix, boolean keep) throws IOException {
    Files.createDirectories(workRoot);
    return new WorkDirectory(Files.createTempDirectory(workRoot, prefix + "-"), keep);
  }

  Path path() {
    return path;
  }

  Path resolve(String name) {
    return path.resolve(name);
  }

  /** A short unique id taken from the folder name, for VM and domain names. */
  String id() {
    return path.getFileName().toString().replaceAll("[^A-Za-z0-9-]", "");
  }

  @Override
  public void close() throws IOException {
    if (!keep) {
      deleteTree(path);
    }
  }

  /** Deletes a tree without following symbolic links out of it. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
