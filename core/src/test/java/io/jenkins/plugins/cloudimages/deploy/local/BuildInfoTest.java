package io.jenkins.plugins.cloudimages.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInfoTest {
  @TempDir Path temp;

  @Test
  void shouldBootABareFileSystemWithTheHostKernelEvenAsQcow2() throws Exception {
    RequiredTools.require("mkfs.ext4", "qemu-img");
    Path raw = temp.resolve("fs.raw");
    assertThat(new ProcessRunner().run("mkfs.ext4", "-q", "-F", raw.toString(), "8M").succeeded())
        .isTrue();
    Path qcow2 = temp.resolve("fs.qcow2");
    assertThat(
            new ProcessRunner()
                .run("qemu-img", "convert", "-O", "qcow2", raw.toString(), qcow2.toString())
                .succeeded())
        .isTrue();

    assertThat(BuildInfo.of(raw, "raw").kernelBoot()).isTrue();
    assertThat(BuildInfo.of(qcow2, "qcow2").kernelBoot()).isTrue();
  }

  @Test
  void shouldBootAPartitionedDiskFromItsOwnBootLoader() throws Exception {
    byte[] disk = new byte[4096];
    disk[510] = 0x55;
    disk[511] = (byte) 0xaa;
    Path image = Files.write(temp.resolve("disk.raw"), disk);

    assertThat(BuildInfo.of(image, "raw").kernelBoot()).isFalse();
    assertThat(BuildInfo.of(image, "raw").cloudInit()).isTrue();
  }

  @Test
  void shouldFollowTheBuildInfoBesideTheImage() throws Exception {
    Path image = Files.write(temp.resolve("disk.raw"), new byte[4096]);
    Files.writeString(
        temp.resolve("disk.raw.build-info.json"),
        "{\"boot\": \"kernel\", \"kernelArgs\": \"root=/dev/vda ro\", \"cloudInit\": false}");

    BuildInfo info = BuildInfo.of(image, "raw");

    assertThat(info.kernelBoot()).isTrue();
    assertThat(info.kernelArgs()).isEqualTo("root=/dev/vda ro");
    assertThat(info.cloudInit()).isFalse();
  }

  @Test
  void shouldFindTheBuildsOwnBuildInfoBesideAVersionedImage() throws Exception {
    Path image =
        Files.write(
            temp.resolve("CentOS-6-x86_64-GenericCloud-261125_01.qcow2.xz"), new byte[4096]);
    Files.writeString(
        temp.resolve("CentOS-6-x86_64-GenericCloud-261125_01.build-info.json"),
        "{\"boot\": \"kernel\", \"kernelArgs\": \"root=LABEL=root rw\", \"cloudInit\": true}");

    assertThat(BuildInfo.buildInfoFile(image))
        .isEqualTo(temp.resolve("CentOS-6-x86_64-GenericCloud-261125_01.build-info.json"));
    assertThat(BuildInfo.of(image, "raw").kernelArgs()).isEqualTo("root=LABEL=root rw");
  }

  @Test
  void shouldBootFromTheImagesOwnBootLoaderWhenTheBuildSaysSo() throws Exception {
    RequiredTools.require("mkfs.ext4");
    Path raw = temp.resolve("fs.raw");
    assertThat(new ProcessRunner().run("mkfs.ext4", "-q", "-F", raw.toString(), "8M").succeeded())
        .isTrue();
    Files.writeString(
        temp.resolve("fs.raw.build-info.json"),
        "{\"boot\": \"bootloader\", \"layout\": \"mbr\", \"kernelArgs\": \"root=UUID=x ro\"}");

    assertThat(BuildInfo.of(raw, "raw").kernelBoot()).as("build-info wins over sniffing").isFalse();
  }

  @Test
  void shouldRefuseAnUnknownBootValueNamingTheFile() throws Exception {
    Path image = Files.write(temp.resolve("disk.raw"), new byte[4096]);
    Files.writeString(temp.resolve("disk.raw.build-info.json"), "{\"boot\": \"uefi-shim\"}");

    assertThatThrownBy(() -> BuildInfo.of(image, "raw"))
        .hasMessageContaining("disk.raw.build-info.json")
        .hasMessageContaining("\"uefi-shim\"");
  }

  @Test
  void shouldAskForUefiOnlyWhenTheImageCannotBootByBios() throws Exception {
    Path image = Files.write(temp.resolve("disk.raw"), new byte[4096]);
    Path info = temp.resolve("disk.raw.build-info.json");
    Files.writeString(info, "{\"boot\": \"bootloader\", \"firmware\": [\"uefi\"]}");
    assertThat(BuildInfo.of(image, "raw").uefiOnly()).isTrue();

    Files.writeString(info, "{\"boot\": \"bootloader\", \"firmware\": [\"bios\", \"uefi\"]}");
    assertThat(BuildInfo.of(image, "raw").uefiOnly()).isFalse();
  }
}
