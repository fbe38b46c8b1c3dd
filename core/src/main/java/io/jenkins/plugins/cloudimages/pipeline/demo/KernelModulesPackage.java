package io.jenkins.plugins.cloudimages.pipeline.demo;

import io.jenkins.plugins.cloudimages.support.KernelVersions;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo mirror's {@code kernel}: the modules of the kernel the local QEMU cloud boots
 * partitionless images with (the newest {@code /boot/vmlinuz-*} of this machine). A guest booted
 * with that kernel needs them after the switch from its initrd, for instance the ISO 9660 driver to
 * mount the cloud-init seed. Only the module folders a virtual cloud guest uses are wrapped (file
 * systems, virtio, block and CD-ROM drivers, and the crypto and library code they depend on), and
 * the module index is regenerated for that subset.
 */
final class KernelModulesPackage {
  static final String NAME = "demoos-kernel-modules";

  /** Names the package provides, as a CentOS kickstart asks for the kernel. */
  static final List<String> PROVIDES = List.of("kernel", "kernel-core", "kernel-modules");

  private static final List<String> MODULE_FOLDERS =
      List.of(
          "kernel/fs",
          "kernel/lib",
          "kernel/crypto",
          "kernel/net/core",
          "kernel/drivers/virtio",
          "kernel/drivers/block",
          "kernel/drivers/cdrom",
          "kernel/drivers/char/hw_random");

  private static final List<String> INDEX_INPUTS =
      List.of("modules.order", "modules.builtin", "modules.builtin.modinfo");

  private final Path boot;
  private final Path modules;

  KernelModulesPackage(Path boot, Path modules) {
    this.boot = boot;
    this.modules = modules;
  }

  /** The host's: /boot and /lib/modules. */
  static KernelModulesPackage ofHost() {
    return new KernelModulesPackage(Path.of("/boot"), Path.of("/lib/modules"));
  }

  /** The newest kernel version with both a vmlinuz in /boot and a modules folder. */
  Optional<String> version() throws IOException {
    if (!Files.isDirectory(boot)) {
      return Optional.empty();
    }
    try (var files = Files.list(boot)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("vmlinuz-"))
          .map(n -> n.substring("vmlinuz-".length()))
          .filter(v -> Files.isDirectory(modules.resolve(v).resolve("kernel")))
          .max(KernelVersions.ORDER);
    }
  }

  /**
   * Builds the RPM into {@code repository}.
   *
   * @param work a scratch folder of its own
   */
  void build(String version, Path work, Path repository) throws IOException {
    Path stage = work.resolve("stage");
    Path target = Files.createDirectories(stage.resolve("lib/modules").resolve(version));
    Path source = modules.resolve(version);
    for (String folder : MODULE_FOLDERS) {
      if (Files.isDirectory(source.resolve(folder))) {
        Files.createDirectories(target.resolve(folder).getParent());
        check(
            run(
                Duration.ofMinutes(5),
                "cp",
                "-a",
                source.resolve(folder) + "",
                target + "/" + folder));
      }
    }
    for (String index : INDEX_INPUTS) {
      if (Files.isRegularFile(source.resolve(index))) {
        Files.copy(source.resolve(index), target.resolve(index));
      }
    }
    check(run(Duration.ofMinutes(5), "depmod", "-b", stage.toString(), version));
    Path spec = work.resolve(NAME + ".spec");
    Files.writeString(spec, spec(version, target), StandardCharsets.UTF_8);
    RpmBuild.binaries(spec, repository, Duration.ofMinutes(10));
  }

  private static String spec(String version, Path staged) {
    StringBuilder spec = new StringBuilder();
    spec.append(
        """
        %global debug_package %{nil}
        %global __os_install_post %{nil}
        %global _build_id_links none
        %global _binary_payload w1.zstdio
        Name: NAME
        Version: VERSION
        Release: 1
        Summary: Modules of the kernel the demo's local cloud boots guests with
        License: GPL-2.0-only
        AutoReqProv: no
        Requires(pre): demoos-filesystem
        """
            .replace("NAME", NAME)
            .replace("VERSION", TreeWrapSpec.rpmVersion(version)));
    for (String provide : PROVIDES) {
      spec.append("Provides: ").append(provide).append('\n');
    }
    spec.append(
        """

        %description
        The file system, virtio, block and CD-ROM modules of Linux KVERSION, so that a guest
        booted with that kernel can mount its cloud-init seed.

        %install
        mkdir -p %{buildroot}/usr/lib/modules
        cp -a 'STAGED' %{buildroot}/usr/lib/modules/

        %files
        /usr/lib/modules/KVERSION
        """
            .replace("KVERSION", version)
            .replace("STAGED", staged.toString().replace("'", "'\\''")));
    return spec.toString();
  }

  private static ProcessRunner.Result run(Duration timeout, String... command) throws IOException {
    return new ProcessRunner().timeout(timeout).run(command);
  }

  private static void check(ProcessRunner.Result result) throws IOException {
    if (!result.succeeded()) {
      throw new IOException(result.describeFailure());
    }
  }
}
