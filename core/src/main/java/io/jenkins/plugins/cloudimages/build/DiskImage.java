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
 * copies the tree (owners, modes, links) into a file system labelled {@code root}; for a
 * partitioned disk, sfdisk writes the partition table ({@link PartitionTable}) into the file and
 * mkfs.ext4 writes the file system at the partition's offset ({@code -E offset=}).
 */
final class DiskImage {
  static final String LABEL = "root";
  private static final long MIB = 1024L * 1024L;

  /** What was made: the raw file, its partitions, the root file system's UUID. */
  record Made(Path file, PartitionTable table, String uuid) {
    DiskLayout layout() {
      return table.layout();
    }

    long sizeMiB() {
      return table.sizeMiB();
    }
  }

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

  /** Makes the disk: the partition table, then the root file system in its partition. */
  Made make(Path root, Path file, PartitionTable table, String uuid)
      throws BuildException, IOException {
    if (table.layout() != DiskLayout.PARTITIONLESS) {
      try (RandomAccessFile disk = new RandomAccessFile(file.toFile(), "rw")) {
        disk.setLength(table.sizeMiB() * MIB);
      }
      Path script = file.resolveSibling("partition-table.sfdisk");
      Files.writeString(script, table.sfdiskScript());
      tools.run(
          List.of(
              "sh",
              "-c",
              "sfdisk -q --no-reread --no-tell-kernel \"$0\" < \"$1\"",
              file.toString(),
              script.toString()));
    }
    List<String> mkfs =
        new java.util.ArrayList<>(
            List.of("mkfs.ext4", "-q", "-F", "-L", LABEL, "-U", uuid, "-d", root.toString()));
    if (table.rootOffsetMiB() > 0) {
      mkfs.add("-E");
      mkfs.add("offset=" + table.rootOffsetMiB() * MIB);
    }
    mkfs.add(file.toString());
    mkfs.add(table.rootMiB() + "M");
    tools.run(mkfs);
    return new Made(file, table, uuid);
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
