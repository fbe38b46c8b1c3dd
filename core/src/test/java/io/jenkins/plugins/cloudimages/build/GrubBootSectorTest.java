package io.jenkins.plugins.cloudimages.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes of the MBR and core.img, checked against GRUB's boot.h offsets. */
class GrubBootSectorTest {
  @TempDir Path temp;

  /** A recognisable boot.img: every byte 0xB0, with GRUB's "jmp" at the drive check. */
  private static byte[] bootImage() {
    byte[] boot = new byte[512];
    Arrays.fill(boot, (byte) 0xb0);
    boot[0x66] = (byte) 0xeb;
    boot[0x67] = 0x05;
    return boot;
  }

  /** A sector 0 as sfdisk leaves it: zero code, a disk id, one bootable partition, 0x55AA. */
  private static byte[] partitionedSector() {
    byte[] sector = new byte[512];
    ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x1b8, 0x1234abcd);
    sector[0x1be] = (byte) 0x80;
    sector[0x1be + 4] = (byte) 0x83;
    b.putInt(0x1be + 8, 2048);
    b.putInt(0x1be + 12, 202752);
    sector[510] = 0x55;
    sector[511] = (byte) 0xaa;
    return sector;
  }

  private static byte[] core(int bytes) {
    byte[] core = new byte[bytes];
    Arrays.fill(core, (byte) 0xc0);
    return core;
  }

  @Test
  void shouldKeepThePartitionTableAndPointTheMbrAtCoreImg() {
    byte[] sector = partitionedSector();

    byte[] mbr = GrubBootSector.masterBootRecord(bootImage(), sector, 1);

    ByteBuffer b = ByteBuffer.wrap(mbr).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(Arrays.copyOfRange(mbr, 0x1b8, 0x1fe))
        .as("disk id and partition table")
        .isEqualTo(Arrays.copyOfRange(sector, 0x1b8, 0x1fe));
    assertThat(mbr[510] & 0xff).isEqualTo(0x55);
    assertThat(mbr[511] & 0xff).isEqualTo(0xaa);
    assertThat(b.getLong(0x5c)).as("core.img sector").isEqualTo(1);
    assertThat(mbr[0x64] & 0xff).as("boot drive from the BIOS").isEqualTo(0xff);
    assertThat(mbr[0x66] & 0xff).as("drive check jump replaced").isEqualTo(0x90);
    assertThat(mbr[0x67] & 0xff).isEqualTo(0x90);
    assertThat(mbr[0]).as("boot code kept").isEqualTo((byte) 0xb0);
    assertThat(mbr[0x1b7]).isEqualTo((byte) 0xb0);
  }

  @Test
  void shouldWriteTheBlockListOfTheRestOfCoreImg() {
    byte[] core = GrubBootSector.coreImage(core(146163), 1);

    ByteBuffer b = ByteBuffer.wrap(core).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(core.length).as("padded to whole sectors").isEqualTo(286 * 512);
    assertThat(b.getLong(0x1f4)).as("start of the rest").isEqualTo(2);
    assertThat(b.getShort(0x1fc)).as("sectors of the rest").isEqualTo((short) 285);
    assertThat(b.getShort(0x1fe)).as("load segment").isEqualTo((short) 0x820);
    assertThat(Arrays.copyOfRange(core, 0x1e8, 0x1f4)).as("terminator").containsOnly(0);
    assertThat(core[0x1e7]).isEqualTo((byte) 0xc0);
    assertThat(core[146162]).isEqualTo((byte) 0xc0);
    assertThat(core[146163]).isZero();
  }

  @Test
  void shouldInstallIntoADiskFileLeavingThePartitionAlone() throws Exception {
    Path disk = temp.resolve("disk.raw");
    try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw")) {
      file.setLength(4 * 1024 * 1024);
      file.write(partitionedSector());
      file.seek(2048 * 512);
      file.write(core(512)); // stands for the file system's first bytes
    }

    GrubBootSector.install(disk, bootImage(), core(3000), 1, 2048);

    byte[] written = Files.readAllBytes(disk);
    ByteBuffer b = ByteBuffer.wrap(written).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(Arrays.copyOfRange(written, 0x1be, 0x1fe))
        .isEqualTo(Arrays.copyOfRange(partitionedSector(), 0x1be, 0x1fe));
    assertThat(b.getInt(0x1b8)).isEqualTo(0x1234abcd);
    assertThat(b.getLong(0x5c)).isEqualTo(1);
    assertThat(b.getLong(512 + 0x1f4)).isEqualTo(2);
    assertThat(b.getShort(512 + 0x1fc)).isEqualTo((short) 5);
    assertThat(written[512 + 2999]).isEqualTo((byte) 0xc0);
    assertThat(written[512 + 3000]).as("padding").isZero();
    assertThat(written[2048 * 512]).as("partition untouched").isEqualTo((byte) 0xc0);
  }

  @Test
  void shouldRefuseACoreImgLargerThanTheGapAndADiskWithoutTable() throws Exception {
    Path disk = temp.resolve("disk.raw");
    Files.write(disk, new byte[1024 * 1024]);

    assertThatThrownBy(() -> GrubBootSector.install(disk, bootImage(), core(3000), 1, 2048))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("no partition table");

    Files.write(disk, partitionedSector());
    assertThatThrownBy(() -> GrubBootSector.install(disk, bootImage(), core(2048 * 512), 1, 2048))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("does not fit");
    assertThat(Files.readAllBytes(disk)).isEqualTo(partitionedSector());
  }
}
