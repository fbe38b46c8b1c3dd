package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.BackgroundTask;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The private work directory of one build: a fresh, uniquely named folder under the work root, so
 * parallel builds never share paths, VM names or disks. Removed when closed unless kept.
 */
final class WorkDirectory implements AutoCloseable {
  private final Path path;
  private final boolean keep;
  private final List<BackgroundTask<Void, IOException>> discarding = new ArrayList<>();

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

  /**
   * Starts deleting a part of the work directory that the build no longer needs (an image's root
   * tree once the image files are written), beside the steps still to run; {@link #close()} waits
   * for it. Nothing is deleted when the work directory is kept.
   */
  void discardEarly(Path part) {
    if (!keep && part.startsWith(path)) {
      discarding.add(
          BackgroundTask.start(
              "delete " + part.getFileName(),
              () -> {
                deleteTree(part);
                return null;
              }));
    }
  }

  @Override
  public void close() throws IOException {
    for (BackgroundTask<Void, IOException> task : discarding) {
      task.join();
    }
    if (!keep) {
      deleteTree(path);
    }
  }

  /** Deletes a tree without following symbolic links out of it. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            Files.deleteIfExists(directory);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
