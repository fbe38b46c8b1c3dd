package io.jenkins.plugins.cloudimages.build;

/** How the root file system sits in the raw disk image. */
public enum DiskLayout {
  /**
   * MBR with GRUB when the image has a kernel and GRUB for BIOS (GPT when the kickstart also asks
   * for an EFI system partition and the image has EFI GRUB), else partitionless (the build log and
   * build-info say why).
   */
  AUTO,
  /** ext4 at offset 0; boots only with an external kernel (-kernel/-initrd, root=LABEL=root). */
  PARTITIONLESS,
  /**
   * An MBR partition table with one bootable Linux partition at 1 MiB holding the ext4 root, and
   * GRUB for BIOS when the image has a kernel and GRUB (else it boots only with an external
   * kernel).
   */
  MBR,
  /**
   * GPT with a BIOS boot partition, an EFI system partition and the root: GRUB for BIOS and the
   * image's EFI GRUB, where the image has them. AUTO chooses it when the kickstart has a {@code
   * part /boot/efi} or {@code reqpart}.
   */
  GPT
}
