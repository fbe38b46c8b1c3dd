package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * File edits inside an image root without running anything in it: paths are resolved under the root
 * and never followed out of it through absolute symlinks.
 */
final class RootTree {
  private final Path root;

  RootTree(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** {@code /etc/hostname} inside the root. */
  Path path(String absolute) {
    Path resolved = root.resolve(absolute.replaceFirst("^/+", "")).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException("path leaves the image root: " + absolute);
    }
    return resolved;
  }

  boolean exists(String absolute) {
    return Files.exists(path(absolute), LinkOption.NOFOLLOW_LINKS);
  }

  void write(String absolute, String content, String mode) throws IOException {
    Path file = path(absolute);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }

  void mkdirs(String absolute, String mode, int uid, int gid) throws IOException {
    Path dir = path(absolute);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
    chown(absolute, uid, gid);
  }

  void symlink(String absolute, String target) throws IOException {
    Path link = path(absolute);
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of(target));
  }

  /** Sets numeric owner and group (ids of the image, not of the host). */
  void chown(String absolute, int uid, int gid) throws IOException {
    Path file = path(absolute);
    Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
  }

  List<String> lines(String absolute) throws IOException {
    Path file = path(absolute);
    return Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
  }

  /** Rewrites a file keeping its mode, owner and group. */
  void replaceLines(String absolute, List<String> lines, String modeIfNew) throws IOException {
    Path file = path(absolute);
    if (!Files.exists(file)) {
      write(absolute, String.join("\n", lines) + "\n", modeIfNew);
      return;
    }
    var view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    var attributes = view.readAttributes();
    Object uid = Files.getAttribute(file, "unix:uid");
    Object gid = Files.getAttribute(file, "unix:gid");
    Path temp = file.resolveSibling("." + file.getFileName() + ".cloudimg");
    Files.writeString(temp, String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(temp, attributes.permissions());
    Files.setAttribute(temp, "unix:uid", uid);
    Files.setAttribute(temp, "unix:gid", gid);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The first line of a colon file (passwd, group ...) whose first field is {@code name}. */
  Optional<String[]> entry(String file, String name) throws IOException {
    return lines(file).stream()
        .map(l -> l.split(":", -1))
        .filter(f -> f.length > 0 && f[0].equals(name))
        .findFirst();
  }
}
