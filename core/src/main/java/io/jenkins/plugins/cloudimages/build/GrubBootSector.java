package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Installs GRUB for BIOS into a disk image file the way {@code grub-bios-setup} embeds it, but on a
 * plain file: the image's {@code boot.img} becomes the MBR code (the disk's signature and partition
 * table are kept), and {@code core.img} goes into the gap between the MBR and the first partition
 * (MBR disks) or into the BIOS boot partition (GPT disks).
 *
 * <p>Why not {@code grub-bios-setup} with a device map naming the file: measured with GRUB 2.06, it
 * insists on finding the device of its {@code -d} folder (the build host's root disk) in the map,
 * so it needs that host disk opened as root, or a loop mount of the image. The writes it makes are
 * few and documented in GRUB's {@code boot.h}, so they are done here on bytes. Without Reed-Solomon
 * codes, like {@code --no-rs-codes}: core.img's redundancy field stays 0.
 */
final class GrubBootSector {
  static final int SECTOR = 512;

  /** Offsets in boot.img (GRUB include/grub/i386/pc/boot.h). */
  static final int KERNEL_SECTOR = 0x5c;

  static final int BOOT_DRIVE = 0x64;
  static final int DRIVE_CHECK = 0x66;
  static final int DISK_SIGNATURE = 0x1b8;
  static final int SIGNATURE = 0x1fe;

  /** The block list at the end of core.img's first sector (diskboot.img), 12 bytes per entry. */
  static final int FIRST_BLOCKLIST = SECTOR - 12;

  /** Where the rest of core.img is loaded: GRUB_BOOT_I386_PC_KERNEL_SEG + one sector. */
  static final int CORE_SEGMENT = 0x800 + (SECTOR >> 4);

  private GrubBootSector() {}

  /**
   * The MBR: boot.img's code, told where core.img starts, with bytes 0x1b8..0x1fd (disk signature
   * and partition table) and the 0x55AA signature taken from the disk's current sector 0.
   */
  static byte[] masterBootRecord(byte[] bootImage, byte[] currentSector, long coreSector) {
    if (bootImage.length != SECTOR || currentSector.length != SECTOR) {
      throw new IllegalArgumentException(
          "boot.img and the MBR must be one 512-byte sector, not "
              + bootImage.length
              + " and "
              + currentSector.length);
    }
    byte[] mbr = bootImage.clone();
    System.arraycopy(
        currentSector, DISK_SIGNATURE, mbr, DISK_SIGNATURE, SIGNATURE - DISK_SIGNATURE);
    ByteBuffer.wrap(mbr).order(ByteOrder.LITTLE_ENDIAN).putLong(KERNEL_SECTOR, coreSector);
    // 0xff: use the drive number the BIOS booted from
    mbr[BOOT_DRIVE] = (byte) 0xff;
    // a hard disk: replace the "jmp" over the drive-number check with two NOPs, as grub-bios-setup
    // does for buggy BIOSes that pass a wrong boot drive
    mbr[DRIVE_CHECK] = (byte) 0x90;
    mbr[DRIVE_CHECK + 1] = (byte) 0x90;
    mbr[SIGNATURE] = 0x55;
    mbr[SIGNATURE + 1] = (byte) 0xaa;
    return mbr;
  }

  /**
   * core.img with its first block list saying where the rest of it lies: the sectors right after
   * its first one, loaded at segment 0x820; the entry before it (block lists grow downwards) is the
   * all-zero terminator.
   */
  static byte[] coreImage(byte[] core, long coreSector) {
    if (core.length < 2 * SECTOR) {
      throw new IllegalArgumentException("core.img of " + core.length + " bytes is too small");
    }
    int sectors = (core.length + SECTOR - 1) / SECTOR;
    byte[] padded = Arrays.copyOf(core, sectors * SECTOR);
    ByteBuffer buffer = ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(FIRST_BLOCKLIST, coreSector + 1);
    buffer.putShort(FIRST_BLOCKLIST + 8, (short) (sectors - 1));
    buffer.putShort(FIRST_BLOCKLIST + 10, (short) CORE_SEGMENT);
    Arrays.fill(padded, FIRST_BLOCKLIST - 12, FIRST_BLOCKLIST, (byte) 0);
    return padded;
  }

  /**
   * Writes both into the disk file: core.img from {@code coreSector} (1 on an MBR disk: the gap
   * before the first partition; a BIOS boot partition on GPT), where it must fit before {@code
   * endSector}. The partition table must already be there.
   */
  static void install(Path disk, byte[] bootImage, byte[] core, long coreSector, long endSector)
      throws IOException, BuildException {
    byte[] patchedCore = coreImage(core, coreSector);
    long room = (endSector - coreSector) * SECTOR;
    if (patchedCore.length > room) {
      throw new BuildException(
          "GRUB's core.img ("
              + patchedCore.length
              + " bytes) does not fit in the "
              + room
              + " bytes from sector "
              + coreSector);
    }
    try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw")) {
      byte[] current = new byte[SECTOR];
      file.seek(0);
      file.readFully(current);
      if ((current[SIGNATURE] & 0xff) != 0x55 || (current[SIGNATURE + 1] & 0xff) != 0xaa) {
        throw new BuildException(disk + " has no partition table to keep (no 0x55AA at 510)");
      }
      file.seek(coreSector * SECTOR);
      file.write(patchedCore);
      file.seek(0);
      file.write(masterBootRecord(bootImage, current, coreSector));
    }
  }
}
