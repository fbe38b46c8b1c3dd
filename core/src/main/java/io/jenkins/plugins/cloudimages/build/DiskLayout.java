package io.jenkins.plugins.cloudimages.build;

/** How the root file system sits in the raw disk image. */
public enum DiskLayout {
  /** ext4 at offset 0; boots only with an external kernel (-kernel/-initrd, root=/dev/vda). */
  PARTITIONLESS,
  /** An MBR partition table with one bootable Linux partition at 1 MiB holding the ext4 root. */
  MBR
}
