package io.jenkins.plugins.cloudimages.testing;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An RPM repository that makes a {@link TestRpmRepository} image bootable by itself, from the build
 * host's Debian packages: {@code kernel-core} (the host's newest /boot/vmlinuz-* and the
 * initrd.img-* that initramfs-tools made for it, with virtio_blk and ext4), {@code
 * grub2-pc-modules} (grub-pc-bin's /usr/lib/grub/i386-pc), {@code grub2-tools-minimal} (the host's
 * grub-mkimage with the shared libraries ldd names, so that it runs in the image through chroot),
 * {@code grub2-efi-x64} (a grubx64.efi made from grub-efi-amd64-bin, prefix /EFI/centos, as RHEL's)
 * and {@code cloudimg-boot-marker}, whose /sbin/init prints {@value #MARKER} with the root mount
 * and the kernel command line on the console, then powers off. Cached under {@code
 * ${CLOUDIMG_CACHE}/bootloader/<digest of specs and files>}.
 */
public final class BootTestPackages {
  /** The console line /sbin/init of {@code cloudimg-boot-marker} starts with. */
  public static final String MARKER = "cloudimg-boot-marker:";

  private static final String GRUB_MODULES = "/usr/lib/grub/i386-pc";
  private static final String EFI_MODULES = "/usr/lib/grub/x86_64-efi";

  private BootTestPackages() {}

  /** The repository, built first when not cached. Needs linux-image-amd64 and grub-pc-bin. */
  public static TestRpmRepository get() {
    RequiredTools.require("grub-mkimage", "ldd");
    if (!Files.isRegularFile(Path.of(EFI_MODULES, "kernel.img"))) {
      RequiredTools.require("grub-efi-amd64-bin (" + EFI_MODULES + ")");
    }
    try {
      String kernelVersion = hostKernelVersion();
      Map<String, Path> sources = new LinkedHashMap<>();
      sources.put("vmlinuz", Path.of("/boot/vmlinuz-" + kernelVersion));
      sources.put("initrd.img", Path.of("/boot/initrd.img-" + kernelVersion));
      sources.put("i386-pc", Path.of(GRUB_MODULES));
      sources.put("x86_64-efi", Path.of(EFI_MODULES));
      Map<String, String> libraries = libraries(Path.of("/usr/bin/grub-mkimage"));
      sources.put("grub-mkimage", Path.of("/usr/bin/grub-mkimage"));
      libraries.forEach((name, path) -> sources.put("lib-" + name, Path.of(path)));
      Map<String, String> specs = new TreeMap<>();
      specs.put("kernel-core", kernelSpec(kernelVersion));
      specs.put("grub2-pc-modules", modulesSpec());
      specs.put("grub2-tools-minimal", toolsSpec(libraries));
      specs.put("grub2-efi-x64", efiSpec());
      specs.put("cloudimg-boot-marker", markerSpec());
      return TestRpmRepository.of("bootloader", specs, sources);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest kernel in the host's /boot that has an initrd.img beside it. */
  static String hostKernelVersion() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("/boot"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("vmlinuz-"))
          .map(n -> n.substring("vmlinuz-".length()))
          .filter(v -> Files.isRegularFile(Path.of("/boot/initrd.img-" + v)))
          .max(Comparator.naturalOrder())
          .orElseThrow(
              () ->
                  new AssertionError(
                      "no /boot/vmlinuz-* with an initrd.img: install linux-image-amd64"));
    }
  }

  /** Library file name to its path on the host, with the dynamic loader, as ldd lists them. */
  private static Map<String, String> libraries(Path binary) {
    ProcessRunner.Result ldd = new ProcessRunner().run("ldd", binary.toString());
    if (!ldd.succeeded()) {
      throw new IllegalStateException(ldd.describeFailure());
    }
    Map<String, String> libraries = new TreeMap<>();
    for (String line : ldd.output().lines().toList()) {
      String[] words = line.trim().split("\\s+");
      String path = line.contains("=>") && words.length > 2 ? words[2] : words[0];
      if (path.startsWith("/")) {
        libraries.put(Path.of(path).getFileName().toString(), path);
      }
    }
    return libraries;
  }

  private static String kernelSpec(String version) {
    String[] parts = version.split("-", 2);
    return TestRpmRepository.header(
            "kernel-core", parts[0], "x86_64", "The build host's kernel and initramfs", "")
        + "%global _binary_payload w1.gzdio\n"
        + "%install\n"
        + "mkdir -p %{buildroot}/boot\n"
        + "install -m 0755 %{_sourcedir}/vmlinuz %{buildroot}/boot/vmlinuz-"
        + version
        + "\ninstall -m 0600 %{_sourcedir}/initrd.img %{buildroot}/boot/initrd.img-"
        + version
        + "\n%files\n/boot/vmlinuz-"
        + version
        + "\n/boot/initrd.img-"
        + version
        + "\n";
  }

  private static String modulesSpec() {
    return TestRpmRepository.header(
            "grub2-pc-modules", "2.06", "x86_64", "GRUB modules for BIOS (grub-pc-bin)", "")
        + "%install\n"
        + "mkdir -p %{buildroot}/usr/lib/grub\n"
        + "cp -r %{_sourcedir}/i386-pc %{buildroot}/usr/lib/grub/i386-pc\n"
        + "%files\n/usr/lib/grub/i386-pc\n";
  }

  /** EFI GRUB as RHEL ships it: one grubx64.efi with its modules inside, prefix /EFI/centos. */
  private static String efiSpec() {
    return TestRpmRepository.header(
            "grub2-efi-x64", "2.06", "x86_64", "GRUB for UEFI (grub-efi-amd64-bin)", "")
        + "%install\n"
        + "mkdir -p %{buildroot}/boot/efi/EFI/centos\n"
        + "grub-mkimage -O x86_64-efi -d %{_sourcedir}/x86_64-efi -p /EFI/centos"
        + " -o %{buildroot}/boot/efi/EFI/centos/grubx64.efi"
        + " part_gpt part_msdos fat ext2 normal linux search search_fs_uuid configfile"
        + " serial terminal echo test all_video gzio\n"
        + "%files\n%dir /boot/efi\n/boot/efi/EFI\n";
  }

  private static String toolsSpec(Map<String, String> libraries) {
    StringBuilder install =
        new StringBuilder(
            "%install\n"
                + "mkdir -p %{buildroot}/usr/bin\n"
                + "install -m 0755 %{_sourcedir}/grub-mkimage %{buildroot}/usr/bin/grub-mkimage\n");
    StringBuilder files = new StringBuilder("%files\n/usr/bin/grub-mkimage\n");
    for (Map.Entry<String, String> library : libraries.entrySet()) {
      String target = "%{buildroot}" + library.getValue();
      install
          .append("mkdir -p ")
          .append(target, 0, target.lastIndexOf('/'))
          .append("\ninstall -m 0755 %{_sourcedir}/lib-")
          .append(library.getKey())
          .append(' ')
          .append(target)
          .append('\n');
      files.append(library.getValue()).append('\n');
    }
    return TestRpmRepository.header(
            "grub2-tools-minimal", "2.06", "x86_64", "grub-mkimage and its libraries", "")
        + install
        + files;
  }

  private static String markerSpec() {
    return TestRpmRepository.header(
            "cloudimg-boot-marker",
            "1.0",
            "noarch",
            "An init that tells the console where the root is, then powers off",
            "")
        + "%install\n"
        + "mkdir -p %{buildroot}/sbin %{buildroot}/proc %{buildroot}/sys %{buildroot}/dev"
        + " %{buildroot}/run %{buildroot}/tmp\n"
        + "cat > %{buildroot}/sbin/init <<'EOF'\n"
        + "#!/bin/busybox sh\n"
        + "/bin/busybox mount -t proc proc /proc\n"
        + "echo \""
        + MARKER
        + " $(/bin/busybox grep ' / ' /proc/mounts) | $(/bin/busybox cat /proc/cmdline)\""
        + " > /dev/console\n"
        + "/bin/busybox sync\n"
        + "/bin/busybox poweroff -f\n"
        + "EOF\n"
        + "%files\n"
        + "%attr(0755,root,root) /sbin/init\n"
        + "%dir /proc\n%dir /sys\n%dir /dev\n%dir /run\n%dir %attr(1777,root,root) /tmp\n";
  }
}
