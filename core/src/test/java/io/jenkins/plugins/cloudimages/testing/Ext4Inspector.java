package io.jenkins.plugins.cloudimages.testing;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads files of an ext4 image without mounting it, through {@code debugfs -R}: a file system at
 * offset 0, or inside a partitioned disk at a byte offset.
 */
public final class Ext4Inspector {
  private static final Pattern MODE = Pattern.compile("Mode:\\s+(\\d+)");
  private static final Pattern USER = Pattern.compile("User:\\s+(\\d+)\\s+Group:\\s+(\\d+)");
  private static final Pattern TYPE = Pattern.compile("Type:\\s+(\\w+)");
  private final String device;

  /** What {@code debugfs stat} says about one inode. */
  public record Inode(String type, String mode, int uid, int gid) {}

  private Ext4Inspector(String device) {
    this.device = device;
  }

  public static Ext4Inspector of(Path image) {
    RequiredTools.require("debugfs");
    return new Ext4Inspector(image.toString());
  }

  /** A file system starting {@code offset} bytes into a disk image (a partition). */
  public static Ext4Inspector of(Path disk, long offset) {
    RequiredTools.require("debugfs");
    return new Ext4Inspector(disk + "?offset=" + offset);
  }

  /** The inode of a path, empty when the path does not exist. */
  public Optional<Inode> stat(String path) {
    String out = debugfs("stat " + path);
    Matcher mode = MODE.matcher(out);
    Matcher user = USER.matcher(out);
    Matcher type = TYPE.matcher(out);
    if (!mode.find() || !user.find() || !type.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new Inode(
            type.group(1),
            mode.group(1).replaceFirst("^0(?=\\d{4})", ""),
            Integer.parseInt(user.group(1)),
            Integer.parseInt(user.group(2))));
  }

  public String cat(String path) {
    return debugfs("cat " + path);
  }

  /** {@code ls -l} of a folder as debugfs prints it. */
  public String list(String path) {
    return debugfs("ls -l " + path);
  }

  /** The file system's volume label. */
  public String label() {
    Matcher m = Pattern.compile("Filesystem volume name:\\s+(\\S+)").matcher(debugfs("stats"));
    return m.find() ? m.group(1) : "";
  }

  private String debugfs(String request) {
    ProcessRunner.Result result = new ProcessRunner().run("debugfs", "-R", request, device);
    if (!result.succeeded()) {
      throw new IllegalStateException(result.describeFailure());
    }
    return result.output().replaceFirst("^debugfs [^\\n]*\\n", "");
  }
}
