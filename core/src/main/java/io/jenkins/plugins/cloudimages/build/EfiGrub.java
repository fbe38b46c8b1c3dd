package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * UEFI boot from the image's own packages: the EFI GRUB that grub2-efi-x64 installs as {@code
 * /boot/efi/EFI/<vendor>/grubx64.efi} (built with its prefix in that folder, signed on RHEL), and
 * shim-x64's files when present. The image's {@code /boot/efi} is moved out of the root tree into
 * the EFI system partition, a vfat file system written into the disk file with {@code mkfs.vfat
 * --offset} and filled with {@code mcopy} (mtools): no mount.
 */
final class EfiGrub {
  static final String ESP_MOUNT = "/boot/efi";
  private static final String FALLBACK = "EFI/BOOT/BOOTX64.EFI";

  private final RootTree root;
  private final String vendor;

  private EfiGrub(RootTree root, String vendor) {
    this.root = root;
    this.vendor = vendor;
  }

  /** The image's EFI GRUB, from the first vendor folder holding grubx64.efi. */
  static Optional<EfiGrub> find(RootTree root) throws IOException {
    Path efi = root.path(ESP_MOUNT + "/EFI");
    if (!Files.isDirectory(efi)) {
      return Optional.empty();
    }
    try (Stream<Path> vendors = Files.list(efi)) {
      return vendors
          .filter(v -> !v.getFileName().toString().equalsIgnoreCase("BOOT"))
          .filter(v -> Files.isRegularFile(v.resolve("grubx64.efi")))
          .map(v -> v.getFileName().toString())
          .sorted()
          .findFirst()
          .map(v -> new EfiGrub(root, v));
    }
  }

  /** {@code /boot/efi/EFI/<vendor>/grubx64.efi} */
  String loader() {
    return ESP_MOUNT + "/EFI/" + vendor + "/grubx64.efi";
  }

  /**
   * Moves the image's /boot/efi into {@code esp}, adds the small grub.cfg beside grubx64.efi that
   * hands over to /boot/grub2/grub.cfg on the root (as RHEL's grub2-efi does), the removable-media
   * loader EFI/BOOT/BOOTX64.EFI when no package brought one (shim when there is one, else GRUB),
   * and the fstab line mounting the partition.
   */
  void prepare(String fsUuid, String volumeId, Path esp) throws IOException {
    Files.createDirectories(esp);
    Path mounted = root.path(ESP_MOUNT);
    try (Stream<Path> children = Files.list(mounted)) {
      for (Path child : children.toList()) {
        Files.move(child, esp.resolve(child.getFileName().toString()));
      }
    }
    Path vendorDir = esp.resolve("EFI").resolve(vendor);
    Files.writeString(
        vendorDir.resolve("grub.cfg"),
        "search --no-floppy --fs-uuid --set=dev "
            + fsUuid
            + "\nset prefix=($dev)"
            + GrubBios.PREFIX
            + "\nexport $prefix\nconfigfile $prefix/grub.cfg\n");
    Path fallback = esp.resolve(FALLBACK);
    if (!Files.exists(fallback)) {
      Files.createDirectories(fallback.getParent());
      Path shim = vendorDir.resolve("shimx64.efi");
      Files.copy(
          Files.isRegularFile(shim) ? shim : vendorDir.resolve("grubx64.efi"),
          fallback,
          StandardCopyOption.COPY_ATTRIBUTES);
    }
    List<String> fstab = root.lines("/etc/fstab");
    if (fstab.stream().noneMatch(l -> l.trim().split("\\s+").length > 1 && isEspLine(l))) {
      fstab.add(
          "UUID="
              + volumeId.substring(0, 4).toUpperCase(java.util.Locale.ROOT)
              + "-"
              + volumeId.substring(4).toUpperCase(java.util.Locale.ROOT)
              + " "
              + ESP_MOUNT
              + " vfat umask=0077,shortname=winnt 0 2");
      root.replaceLines("/etc/fstab", fstab, "rw-r--r--");
    }
  }

  private static boolean isEspLine(String line) {
    return !line.trim().startsWith("#") && line.trim().split("\\s+")[1].equals(ESP_MOUNT);
  }

  /**
   * Writes the EFI system partition into the disk file: vfat with the given volume id, then the
   * files of {@code esp}.
   */
  static void writePartition(
      ToolRunner tools, Path disk, long offset, long sizeMiB, String volumeId, Path esp)
      throws BuildException, IOException {
    tools.run(
        List.of(
            "mkfs.vfat",
            "--offset=" + offset / 512,
            "-i",
            volumeId,
            "-n",
            "EFI",
            disk.toString(),
            String.valueOf(sizeMiB * 1024)));
    List<String> files;
    try (Stream<Path> children = Files.list(esp)) {
      files = children.sorted().map(Path::toString).toList();
    }
    if (files.isEmpty()) {
      return;
    }
    List<String> mcopy = new ArrayList<>(List.of("mcopy", "-s", "-m", "-i", disk + "@@" + offset));
    mcopy.addAll(files);
    mcopy.add("::/");
    // mtools checks that a FAT's geometry fits a floppy or partition; this one lies in a file
    var result = tools.attempt(mcopy, Map.of("MTOOLS_SKIP_CHECK", "1"), line -> {});
    if (!result.succeeded()) {
      throw new BuildException(
          "mcopy into the EFI system partition failed: " + result.describeFailure());
    }
  }
}
