package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The raw disk image made from a root folder without loop devices or mounts: {@code mkfs.ext4 -d}
 * copies the tree (owners, modes, links) into a file system labelled {@code root}; for an MBR disk,
 * sfdisk writes the partition table into the file and mkfs.ext4 writes the file system at the
 * partition's offset ({@code -E offset=}).
 */
final class DiskImage {
  static final String LABEL = "root";
  private static final long MIB = 1024L * 1024L;
  static final long PARTITION_OFFSET = MIB;

  /** What was made: the raw file, its layout, the file system's UUID and size. */
  record Made(Path file, DiskLayout layout, String uuid, long sizeMiB) {}

  private final ToolRunner tools;

  DiskImage(ToolRunner tools) {
    this.tools = tools;
  }

  /**
   * The disk size in MiB: {@code part / --size}, else the metadata's disk size, else the root's
   * content plus a third and 256 MiB, at least 1 GiB.
   */
  static long sizeMiB(Kickstart kickstart, Optional<Long> metadataMiB, Path root)
      throws IOException {
    for (KickstartCommand part : kickstart.commands("part")) {
      List<String> mount =
          part.positional(
              Set.of(
                  "--size",
                  "--fstype",
                  "--ondisk",
                  "--ondrive",
                  "--label",
                  "--maxsize",
                  "--asprimary",
                  "--fsoptions",
                  "--onpart"));
      Optional<String> size = part.option("--size");
      if (!mount.isEmpty()
          && mount.get(0).equals("/")
          && size.isPresent()
          && size.get().matches("\\d+")) {
        return Long.parseLong(size.get());
      }
    }
    if (metadataMiB.isPresent()) {
      return metadataMiB.get();
    }
    long used = usedBytes(root);
    return Math.max(1024, (used + used / 3) / MIB + 256);
  }

  /** A fresh file system UUID. */
  static String newUuid() {
    return UUID.randomUUID().toString();
  }

  /**
   * Makes the disk; {@code diskId} (8 hex digits) is the MBR's identifier, the first part of the
   * partition's PARTUUID.
   */
  Made make(Path root, Path file, long sizeMiB, DiskLayout layout, String uuid, String diskId)
      throws BuildException, IOException {
    long fsMiB = layout == DiskLayout.MBR ? sizeMiB - PARTITION_OFFSET / MIB : sizeMiB;
    if (layout == DiskLayout.MBR) {
      try (RandomAccessFile disk = new RandomAccessFile(file.toFile(), "rw")) {
        disk.setLength(sizeMiB * MIB);
      }
      Path table = file.resolveSibling("partition-table.sfdisk");
      Files.writeString(
          table,
          "label: dos\nlabel-id: 0x"
              + diskId
              + "\nstart="
              + PARTITION_OFFSET / 512
              + ", type=83, bootable\n");
      tools.run(
          List.of(
              "sh",
              "-c",
              "sfdisk -q --no-reread --no-tell-kernel \"$0\" < \"$1\"",
              file.toString(),
              table.toString()));
    }
    List<String> mkfs =
        new java.util.ArrayList<>(
            List.of("mkfs.ext4", "-q", "-F", "-L", LABEL, "-U", uuid, "-d", root.toString()));
    if (layout == DiskLayout.MBR) {
      mkfs.add("-E");
      mkfs.add("offset=" + PARTITION_OFFSET);
    }
    mkfs.add(file.toString());
    mkfs.add(fsMiB + "M");
    tools.run(mkfs);
    return new Made(file, layout, uuid, sizeMiB);
  }

  /** {@code /etc/fstab} mounting the root by label, unless the kickstart's %post wrote one. */
  static void writeFstab(RootTree root) throws IOException {
    List<String> lines = root.lines("/etc/fstab");
    boolean hasRoot =
        lines.stream()
            .map(String::trim)
            .filter(l -> !l.startsWith("#"))
            .map(l -> l.split("\\s+"))
            .anyMatch(f -> f.length > 1 && f[1].equals("/"));
    if (!hasRoot) {
      lines.add("LABEL=" + LABEL + " / ext4 defaults 1 1");
      root.replaceLines("/etc/fstab", lines, "rw-r--r--");
    }
  }

  private static long usedBytes(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .mapToLong(p -> p.toFile().length() + 4096)
          .sum();
    }
  }
}
