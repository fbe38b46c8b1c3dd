package io.jenkins.plugins.cloudimages.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.Ext4Inspector;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot decision and GRUB's files on a small tree made here (no dnf): a stand-in kernel file,
 * and the build host's GRUB i386-pc modules copied in as if a package had installed them.
 */
class BootSetupTest {
  @TempDir Path temp;
  private final List<String> lines = new ArrayList<>();
  private RootTree root;
  private BuildLog log;
  private ToolRunner tools;

  @BeforeEach
  void setUp() throws Exception {
    root = new RootTree(Files.createDirectories(temp.resolve("root")));
    log = new BuildLog(lines::add, temp.resolve("build.log"));
    tools =
        new ToolRunner(
            log, Map.of("PATH", System.getenv("PATH") + ":/usr/sbin:/sbin"), Duration.ofMinutes(2));
  }

  @AfterEach
  void closeLog() throws Exception {
    log.close();
  }

  private Kickstart kickstart(String bootloader) throws Exception {
    Path ks = temp.resolve("test.ks");
    Files.writeString(ks, "url --url=http://example.invalid/os/\n" + bootloader + "\n");
    return TestKickstarts.read(ks, SyntaxVersion.RHEL9);
  }

  private void kernel(String version, boolean initramfs) throws Exception {
    root.write("/boot/vmlinuz-" + version, "kernel " + version, "rwxr-xr-x");
    if (initramfs) {
      root.write("/boot/initramfs-" + version + ".img", "initramfs", "rw-------");
    }
  }

  private void hostGrubModules() throws Exception {
    RequiredTools.require("grub-mkimage"); // with its modules: grub-pc-bin
    Path modules = Files.createDirectories(root.path(GrubBios.MODULES));
    try (var files = Files.list(Path.of(GrubBios.MODULES))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, modules.resolve(file.getFileName()));
      }
    }
  }

  @Test
  void shouldStayPartitionlessAndSayWhyWhenTheImageHasNoKernel() throws Exception {
    hostGrubModules();

    BootSetup boot =
        BootSetup.plan(
            root, kickstart("bootloader"), DiskLayout.AUTO, 64, tools.environment(), log);

    assertThat(boot.hasBootLoader()).isFalse();
    assertThat(boot.layout()).isEqualTo(DiskLayout.PARTITIONLESS);
    assertThat(lines)
        .anyMatch(l -> l.startsWith("boot: no boot loader") && l.contains("no kernel"));
    ObjectNode info = new ObjectMapper().createObjectNode();
    boot.describe(info, info.putObject("disk"), "root=LABEL=root rw");
    assertThat(info.path("boot").asText()).isEqualTo("kernel");
    assertThat(info.path("kernelArgs").asText()).isEqualTo("root=LABEL=root rw");
    assertThat(info.path("disk").path("boot").asText()).contains("external kernel", "no kernel");
  }

  @Test
  void shouldSayWhichPackageIsMissingWhenTheImageHasAKernelButNoGrub() throws Exception {
    kernel("5.14.0-427.el9.x86_64", true);

    BootSetup boot =
        BootSetup.plan(root, kickstart("bootloader"), DiskLayout.MBR, 64, tools.environment(), log);

    assertThat(boot.hasBootLoader()).isFalse();
    assertThat(boot.layout()).as("the asked MBR layout stays").isEqualTo(DiskLayout.MBR);
    assertThat(lines).anyMatch(l -> l.contains("grub2-pc-modules"));
  }

  @Test
  void shouldHonourPartitionlessAndDisabledBootLoaders() throws Exception {
    kernel("5.14.0-427.el9.x86_64", true);
    hostGrubModules();

    assertThat(
            BootSetup.plan(
                    root,
                    kickstart("bootloader"),
                    DiskLayout.PARTITIONLESS,
                    64,
                    tools.environment(),
                    log)
                .hasBootLoader())
        .isFalse();
    assertThat(
            BootSetup.plan(
                    root,
                    kickstart("bootloader --location=none"),
                    DiskLayout.AUTO,
                    64,
                    tools.environment(),
                    log)
                .hasBootLoader())
        .isFalse();
    assertThat(lines).anyMatch(l -> l.contains("--location=none (") && l.contains("test.ks:2"));
  }

  @Test
  void shouldWriteGrubIntoAnMbrDiskWithTheRootFoundByUuid() throws Exception {
    RequiredTools.require("mkfs.ext4", "sfdisk", "debugfs");
    kernel("5.14.0-70.el9.x86_64", true);
    kernel("5.14.0-427.el9.x86_64", true);
    root.write(
        "/etc/os-release", "NAME=\"CentOS Stream\"\nPRETTY_NAME=\"CentOS 9\"\n", "rw-r--r--");
    hostGrubModules();
    Kickstart ks =
        kickstart("bootloader --append=\"no_timer_check net.ifnames=0\" --timeout=3 --password=x");

    BootSetup boot = BootSetup.plan(root, ks, DiskLayout.AUTO, 64, tools.environment(), log);
    String uuid = DiskImage.newUuid();
    DiskImage.Made disk = makeDisk(boot, uuid);

    assertThat(boot.layout()).isEqualTo(DiskLayout.MBR);
    assertThat(lines)
        .anyMatch(l -> l.contains("core.img made with the build host's"))
        .anyMatch(l -> l.startsWith("not applied bootloader --password"))
        .anyMatch(l -> l.contains("initramfs /boot/initramfs-5.14.0-427.el9.x86_64.img"))
        .anyMatch(l -> l.startsWith("boot: GRUB for BIOS (mbr disk)"));
    byte[] head = new byte[1024];
    try (var in = Files.newInputStream(disk.file())) {
      in.readNBytes(head, 0, head.length);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getLong(0x5c)).isEqualTo(1);
    assertThat(Files.readAllBytes(root.path(GrubBios.MODULES + "/boot.img")))
        .startsWith(java.util.Arrays.copyOf(head, 0x5c));
    assertThat(b.getLong(512 + 0x1f4)).isEqualTo(2);
    assertThat(String.format("%08x", b.getInt(0x1b8))).isEqualTo(boot.table().diskId());
    assertThat(new ProcessRunner().run("sfdisk", "-d", disk.file().toString()).output())
        .contains("label-id: 0x" + boot.table().diskId())
        .containsPattern("start=\\s*2048, size=\\s*129024, type=83, bootable");
    Ext4Inspector fs = Ext4Inspector.of(disk.file(), 1024 * 1024);
    String cfg = fs.cat("/boot/grub2/grub.cfg");
    assertThat(cfg)
        .contains("search --no-floppy --fs-uuid --set=root " + uuid)
        .contains("set timeout=3")
        .contains(
            "linux /boot/vmlinuz-5.14.0-427.el9.x86_64 root=UUID="
                + uuid
                + " ro no_timer_check net.ifnames=0 console=ttyS0,115200n8")
        .contains("initrd /boot/initramfs-5.14.0-427.el9.x86_64.img")
        .contains("menuentry 'CentOS 9 (5.14.0-427.el9.x86_64)'");
    assertThat(cfg.indexOf("5.14.0-427")).isLessThan(cfg.indexOf("5.14.0-70"));
    assertThat(fs.stat("/boot/grub2/i386-pc/normal.mod")).isPresent();
    assertThat(fs.cat("/etc/default/grub"))
        .contains("GRUB_CMDLINE_LINUX=\"no_timer_check net.ifnames=0 console=ttyS0,115200n8\"");
    ObjectNode info = new ObjectMapper().createObjectNode();
    boot.describe(info, info.putObject("disk"), "unused");
    assertThat(info.path("boot").asText()).isEqualTo("bootloader");
    assertThat(info.path("layout").asText()).isEqualTo("mbr");
    assertThat(info.path("kernelArgs").asText()).startsWith("root=UUID=" + uuid + " ro ");
    assertThat(info.path("disk").path("bootLoader").asText()).isEqualTo("grub2-bios");
  }

  private DiskImage.Made makeDisk(BootSetup boot, String uuid) throws Exception {
    boot.prepare(uuid, tools, log, temp);
    DiskImage.Made disk =
        new DiskImage(tools).make(root.root(), temp.resolve("disk.raw"), boot.table(), uuid);
    boot.install(disk, tools, log);
    return disk;
  }

  @Test
  void shouldMakeAGptDiskForBiosAndUefiWhenTheKickstartHasAnEfiPartition() throws Exception {
    RequiredTools.require("mkfs.ext4", "sfdisk", "debugfs", "mkfs.vfat", "mcopy", "mtype");
    kernel("5.14.0-427.el9.x86_64", true);
    hostGrubModules();
    root.write("/boot/efi/EFI/centos/grubx64.efi", "stands for EFI GRUB", "rwx------");
    root.write("/boot/efi/EFI/centos/shimx64.efi", "stands for shim", "rwx------");
    Kickstart ks = kickstart("bootloader\npart /boot/efi --size=100 --fstype=efi");

    BootSetup boot = BootSetup.plan(root, ks, DiskLayout.AUTO, 64, tools.environment(), log);
    String uuid = DiskImage.newUuid();
    DiskImage.Made disk = makeDisk(boot, uuid);

    assertThat(boot.layout()).isEqualTo(DiskLayout.GPT);
    String table = new ProcessRunner().run("sfdisk", "-d", disk.file().toString()).output();
    assertThat(table)
        .contains("label: gpt")
        .containsPattern("start=\\s*2048, size=\\s*2048, type=21686148-6449-6E6F-744E-656564454649")
        .containsPattern(
            "start=\\s*4096, size=\\s*204800, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B")
        .containsPattern(
            "start=\\s*208896, size=\\s*131072, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4");
    byte[] head = new byte[2049 * 512];
    try (var in = Files.newInputStream(disk.file())) {
      in.readNBytes(head, 0, head.length);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getLong(0x5c)).as("core.img in the BIOS boot partition").isEqualTo(2048);
    assertThat(b.getLong(2048 * 512 + 0x1f4)).isEqualTo(2049);
    assertThat(head[0x1be + 4] & 0xff).as("protective MBR kept").isEqualTo(0xee);
    String esp = disk.file() + "@@" + 2 * 1024 * 1024;
    Map<String, String> mtools = Map.of("MTOOLS_SKIP_CHECK", "1");
    assertThat(
            new ProcessRunner()
                .env(mtools)
                .run("mtype", "-i", esp, "::/EFI/BOOT/BOOTX64.EFI")
                .output())
        .startsWith("stands for shim");
    assertThat(
            new ProcessRunner()
                .env(mtools)
                .run("mtype", "-i", esp, "::/EFI/centos/grub.cfg")
                .output())
        .contains("search --no-floppy --fs-uuid --set=dev " + uuid)
        .contains("configfile $prefix/grub.cfg");
    Ext4Inspector fs = Ext4Inspector.of(disk.file(), 208896L * 512);
    assertThat(fs.stat("/boot/efi")).isPresent();
    assertThat(fs.stat("/boot/efi/EFI")).as("moved to the EFI system partition").isEmpty();
    assertThat(fs.cat("/etc/fstab")).containsPattern("UUID=[0-9A-F]{4}-[0-9A-F]{4} /boot/efi vfat");
    assertThat(fs.cat("/boot/grub2/grub.cfg")).contains("root=UUID=" + uuid);
    ObjectNode info = new ObjectMapper().createObjectNode();
    boot.describe(info, info.putObject("disk"), "unused");
    assertThat(info.path("firmware").toString()).isEqualTo("[\"bios\",\"uefi\"]");
    assertThat(info.path("layout").asText()).isEqualTo("gpt");
    assertThat(info.path("disk").path("efiLoader").asText())
        .isEqualTo("/boot/efi/EFI/centos/grubx64.efi");
  }

  @Test
  void shouldBootByUefiOnlyWhenTheImageHasEfiGrubButNoGrubForBios() throws Exception {
    RequiredTools.require("mkfs.ext4", "sfdisk", "mkfs.vfat", "mcopy");
    kernel("5.14.0-427.el9.x86_64", true);
    root.write("/boot/efi/EFI/rocky/grubx64.efi", "stands for EFI GRUB", "rwx------");

    BootSetup boot =
        BootSetup.plan(
            root, kickstart("bootloader\nreqpart"), DiskLayout.AUTO, 64, tools.environment(), log);
    makeDisk(boot, DiskImage.newUuid());

    assertThat(boot.layout()).isEqualTo(DiskLayout.GPT);
    assertThat(lines)
        .anyMatch(l -> l.startsWith("boot: EFI GRUB (/boot/efi/EFI/rocky/grubx64.efi) (gpt disk)"))
        .anyMatch(l -> l.startsWith("boot: the image has no GRUB for BIOS"));
    assertThat(root.exists("/boot/grub2/grub.cfg")).isTrue();
    ObjectNode info = new ObjectMapper().createObjectNode();
    boot.describe(info, info.putObject("disk"), "unused");
    assertThat(info.path("firmware").toString()).isEqualTo("[\"uefi\"]");
    assertThat(info.path("disk").path("bootLoader").asText()).isEqualTo("grub2-uefi");
  }

  @Test
  void shouldFindTheRootByPartuuidAndSaySoWhenThereIsNoInitramfs() throws Exception {
    RequiredTools.require("mkfs.ext4", "sfdisk", "debugfs");
    kernel("6.1.0-56-amd64", false);
    hostGrubModules();

    BootSetup boot =
        BootSetup.plan(
            root, kickstart("bootloader"), DiskLayout.AUTO, 64, tools.environment(), log);
    boot.prepare("0b5c3a3e-0000-4000-8000-000000000001", tools, log, temp);

    assertThat(lines).anyMatch(l -> l.contains("NO initramfs"));
    assertThat(Files.readString(root.path("/boot/grub2/grub.cfg")))
        .contains(
            "root=PARTUUID="
                + boot.table().diskId()
                + "-01 rootfstype=ext4 rootwait ro"
                + " console=ttyS0,115200n8")
        .doesNotContain("initrd");
    ObjectNode info = new ObjectMapper().createObjectNode();
    boot.describe(info, info.putObject("disk"), "unused");
    assertThat(info.path("disk").path("initramfsMissing").asText()).contains("PARTUUID");
  }
}
