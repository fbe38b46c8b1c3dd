package io.jenkins.plugins.cloudimages.build;

/** How the root file system sits in the raw disk image. */
public enum DiskLayout {
  /**
   * MBR with GRUB when the image has a kernel and GRUB for BIOS, else partitionless (the build log
   * and build-info say why).
   */
  AUTO,
  /** ext4 at offset 0; boots only with an external kernel (-kernel/-initrd, root=LABEL=root). */
  PARTITIONLESS,
  /**
   * An MBR partition table with one bootable Linux partition at 1 MiB holding the ext4 root, and
   * GRUB for BIOS when the image has a kernel and GRUB (else it boots only with an external
   * kernel).
   */
  MBR
}
