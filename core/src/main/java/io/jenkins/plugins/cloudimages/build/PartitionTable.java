package io.jenkins.plugins.cloudimages.build;

/**
 * Where the partitions of a disk lie, in MiB, and the sfdisk script that writes the table into the
 * disk file.
 *
 * <ul>
 *   <li>MBR: one bootable Linux partition from 1 MiB to the end; GRUB's core.img goes in the gap
 *       before it.
 *   <li>GPT: 1 BIOS boot partition (1 MiB, for core.img), 2 EFI system partition ({@value #ESP_MIB}
 *       MiB), 3 the root, up to 1 MiB before the end (the backup GPT lies there).
 *   <li>Partitionless: the root file system is the whole disk.
 * </ul>
 *
 * @param layout MBR, GPT or PARTITIONLESS (never AUTO)
 * @param sizeMiB the whole disk
 * @param diskId MBR: the disk identifier, 8 hex digits
 * @param rootPartUuid GPT: the root partition's unique GUID
 */
record PartitionTable(DiskLayout layout, long sizeMiB, String diskId, String rootPartUuid) {
  static final long ESP_MIB = 100;
  static final long MIB = 1024L * 1024L;
  static final String BIOS_BOOT_TYPE = "21686148-6449-6E6F-744E-656564454649";
  static final String ESP_TYPE = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
  static final String LINUX_TYPE = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";

  PartitionTable {
    if (layout == DiskLayout.AUTO) {
      throw new IllegalArgumentException("a partition table needs a decided layout");
    }
  }

  long rootOffsetMiB() {
    return switch (layout) {
      case MBR -> 1;
      case GPT -> 2 + ESP_MIB;
      default -> 0;
    };
  }

  long rootMiB() {
    return sizeMiB - rootOffsetMiB() - (layout == DiskLayout.GPT ? 1 : 0);
  }

  /** GPT: the EFI system partition's first byte. */
  long espOffset() {
    return 2 * MIB;
  }

  /** Where GRUB's core.img may lie, in sectors: from (inclusive) and to (exclusive). */
  long[] coreSectors() {
    return layout == DiskLayout.GPT ? new long[] {2048, 4096} : new long[] {1, 2048};
  }

  /** GRUB's name of the root partition. */
  String grubPartition() {
    return layout == DiskLayout.GPT ? "gpt3" : "msdos1";
  }

  /** The kernel's name of the root partition, for a boot without initramfs. */
  String partUuid() {
    return layout == DiskLayout.GPT ? rootPartUuid : diskId + "-01";
  }

  /** The sfdisk script; empty for a partitionless disk. */
  String sfdiskScript() {
    long sector = MIB / 512;
    return switch (layout) {
      case MBR ->
          "label: dos\nlabel-id: 0x"
              + diskId
              + "\nstart="
              + rootOffsetMiB() * sector
              + ", type=83, bootable\n";
      case GPT ->
          "label: gpt\n"
              + ("start=" + sector + ", size=" + sector + ", type=" + BIOS_BOOT_TYPE)
              + ", name=\"BIOS boot\"\n"
              + ("start=" + 2 * sector + ", size=" + ESP_MIB * sector + ", type=" + ESP_TYPE)
              + ", name=\"EFI System Partition\"\n"
              + ("start=" + rootOffsetMiB() * sector + ", size=" + rootMiB() * sector)
              + (", type=" + LINUX_TYPE + ", uuid=" + rootPartUuid + ", name=\"root\"\n");
      default -> "";
    };
  }
}
