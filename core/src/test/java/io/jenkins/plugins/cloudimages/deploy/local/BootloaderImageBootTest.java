package io.jenkins.plugins.cloudimages.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.build.BuildRequest;
import io.jenkins.plugins.cloudimages.build.BuildResult;
import io.jenkins.plugins.cloudimages.build.ImageFormat;
import io.jenkins.plugins.cloudimages.build.ImageIdentity;
import io.jenkins.plugins.cloudimages.build.InstallrootBuilder;
import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.kickstart.KickstartParser;
import io.jenkins.plugins.cloudimages.kickstart.ParseResult;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.testing.BootTestPackages;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import io.jenkins.plugins.cloudimages.testing.TestRpmRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one slow boot test of the boot loader (TCG here: about a minute): an installroot build whose
 * packages bring a real kernel with its initramfs, GRUB for BIOS and grub-mkimage ({@link
 * BootTestPackages}, from the host's Debian packages) gets GRUB on an MBR disk; the local QEMU
 * cloud boots it with SeaBIOS and no -kernel, and the image's /sbin/init reports on the serial
 * console that the root file system the kernel mounted is the disk's partition, found by UUID.
 */
class BootloaderImageBootTest {
  private static final String UPSTREAM = "http://mirror.centos.invalid/centos/9/BaseOS/x86_64/os/";
  private static final String BOOT_REPO = "http://boot.centos.invalid/boot/";
  private static final String KICKSTART =
      """
      # Test image that boots by itself: kernel, GRUB and an init that reports the root
      url --url=http://mirror.centos.invalid/centos/$releasever/BaseOS/$basearch/os/
      repo --name=boot --baseurl=http://boot.centos.invalid/boot/
      bootloader --location=mbr --timeout=0 --append="no_timer_check panic=-1"
      part / --size=192 --fstype=ext4

      %packages
      kernel-core
      grub2-pc-modules
      grub2-tools-minimal
      cloudimg-boot-marker
      %end
      """;

  @TempDir Path temp;
  private final List<String> log = new ArrayList<>();
  private BuildResult result;

  private void log(String line) {
    synchronized (log) {
      log.add(line);
    }
    System.err.println(line);
  }

  @Test
  void shouldBuildAnImageWhoseOwnGrubBootsItsKernelToTheRootFoundByUuid() throws Exception {
    JsonNode info = build(KICKSTART);

    assertThat(info.path("boot").asText()).isEqualTo("bootloader");
    assertThat(info.path("layout").asText()).isEqualTo("mbr");
    assertThat(info.path("disk").path("bootLoader").asText()).isEqualTo("grub2-bios");
    assertThat(info.path("firmware")).hasSize(1);
    assertThat(info.path("disk").path("mkimage").asText())
        .isEqualTo("the image's /usr/bin/grub-mkimage");
    assertThat(info.path("disk").path("initramfs").asText()).startsWith("/boot/initrd.img-");
    assertThat(log).anyMatch(l -> l.startsWith("boot: GRUB for BIOS (mbr disk), kernel"));

    bootToMarker(info, LocalQemuDriver.BootMode.AUTO, "SeaBIOS");
  }

  /**
   * The same for UEFI: a GPT disk with an EFI system partition holding the image's grubx64.efi,
   * booted by OVMF.
   */
  @Test
  void shouldBootTheImagesEfiGrubFromTheEfiSystemPartitionWithOvmf() throws Exception {
    RequiredTools.require("mkfs.vfat", "mcopy");
    JsonNode info =
        build(
            KICKSTART
                .replace(
                    "part / --size=192",
                    "part /boot/efi --size=100 --fstype=efi\npart / --size=192")
                .replace("cloudimg-boot-marker\n", "cloudimg-boot-marker\ngrub2-efi-x64\n"));

    assertThat(info.path("layout").asText()).isEqualTo("gpt");
    assertThat(info.path("firmware").toString()).isEqualTo("[\"bios\",\"uefi\"]");

    bootToMarker(info, LocalQemuDriver.BootMode.UEFI, "OVMF UEFI");
  }

  /** Builds the kickstart with installroot; its build-info. */
  private JsonNode build(String kickstart) throws Exception {
    RequiredTools.requireRoot();
    RequiredTools.require(
        "dnf", "rpmbuild", "createrepo_c", "mkfs.ext4", "sfdisk", "qemu-system-x86_64", "tar");
    TestRpmRepository base = TestRpmRepository.get();
    TestRpmRepository boot = BootTestPackages.get();
    Path ks = Files.writeString(temp.resolve("CentOS-9-x86_64-Boot.ks"), kickstart);
    ParseResult parsed = new KickstartParser(SyntaxVersion.RHEL9, temp).parse(ks);
    assertThat(parsed.hasErrors()).as(parsed.problems().toString()).isFalse();
    BuildRequest request =
        BuildRequest.builder(parsed.kickstart(), new ImageIdentity("9", "x86_64", "Boot"), out())
            .mirror(UPSTREAM, base.fileUrl())
            .mirror(BOOT_REPO, boot.fileUrl())
            .format(ImageFormat.RAW)
            .build();
    result = new InstallrootBuilder().build(request, this::log);
    JsonNode info = new ObjectMapper().readTree(result.buildInfo().orElseThrow().toFile());
    System.err.println("stages: " + stageSeconds(info));
    return info;
  }

  private Path out() {
    return temp.resolve("out");
  }

  /** Boots the built image in the local cloud until /sbin/init's marker is on the console. */
  private void bootToMarker(JsonNode info, LocalQemuDriver.BootMode mode, String firmware)
      throws Exception {
    String uuid = info.path("disk").path("uuid").asText();
    LocalQemuDriver.Settings defaults = LocalQemuDriver.Settings.defaults(temp.resolve("state"));
    LocalQemuDriver driver =
        new LocalQemuDriver(
            new LocalQemuDriver.Settings(
                defaults.stateDir(),
                defaults.memoryMb(),
                defaults.cpus(),
                mode,
                null,
                null,
                null,
                defaults.accel()),
            this::log);
    Deadline deadline = Deadline.in("boot test", Duration.ofMinutes(6), Clock.systemUTC());
    BuildIdentity identity = new BuildIdentity("test-host", "job/bootloader#1");
    CloudResource image =
        driver.uploadImage(
            new ImageSource(result.name(), result.images().get(0), null, "raw", null),
            identity,
            deadline);
    long started = System.nanoTime();
    CloudResource vm =
        driver
            .boot(
                image,
                new BootSpec(
                    "bootloader-test",
                    "",
                    "root",
                    "ssh-ed25519 AAAA test",
                    null,
                    null,
                    false,
                    Map.of(),
                    null),
                deadline)
            .get(0);
    try {
      Optional<String> marker = awaitMarker(driver, vm, deadline);
      System.err.printf(
          "%s boot to marker: %.1f s%n", firmware, (System.nanoTime() - started) / 1e9);
      assertThat(marker)
          .as("console:\n%s", driver.consoleOutput(vm))
          .hasValueSatisfying(
              line ->
                  assertThat(line)
                      .containsPattern("/dev/vda\\d / ext4")
                      .contains("root=UUID=" + uuid)
                      .contains("console=ttyS0,115200n8")
                      .contains("no_timer_check"));
      assertThat(Files.readString(temp.resolve("state").resolve(vm.id()).resolve("qemu.cmdline")))
          .doesNotContain("-kernel", "-initrd");
      assertThat(log)
          .anyMatch(
              l -> l.contains("from the image's own boot loader (" + firmware + ", no -kernel)"));
    } finally {
      driver.delete(vm, deadline);
      driver.delete(image, deadline);
    }
  }

  private static Optional<String> awaitMarker(
      LocalQemuDriver driver, CloudResource vm, Deadline deadline) throws Exception {
    while (!deadline.passed()) {
      Optional<String> line =
          driver
              .consoleOutput(vm)
              .lines()
              .filter(l -> l.contains(BootTestPackages.MARKER))
              .findFirst();
      if (line.isPresent()) {
        return line;
      }
      Thread.sleep(1000);
    }
    return Optional.empty();
  }

  private static String stageSeconds(JsonNode info) {
    StringBuilder text = new StringBuilder();
    for (JsonNode stage : info.path("stages")) {
      text.append(stage.path("name").asText())
          .append('=')
          .append(stage.path("durationSeconds").asText())
          .append("s ");
    }
    return text.toString().trim();
  }
}
