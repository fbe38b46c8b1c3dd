package io.jenkins.plugins.cloudimages.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a built disk boots, decided from the asked layout, the kickstart's {@code bootloader} command
 * and what the image holds: GRUB for BIOS on an MBR disk when the image has a kernel in /boot and
 * GRUB's i386-pc files; otherwise no boot loader, and the disk boots only with an external kernel
 * (the local QEMU cloud does that). Either way the build log says why, and build-info.json says how
 * the image boots.
 */
final class BootSetup {
  private static final Set<String> OPTIONS_WITH_VALUES =
      Set.of(
          "--append",
          "--location",
          "--timeout",
          "--password",
          "--driveorder",
          "--boot-drive",
          "--default",
          "--md5pass",
          "--hvargs");
  private static final Set<String> APPLIED_OPTIONS = Set.of("--append", "--timeout", "--location");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RootTree root;
  private final DiskLayout layout;
  private final Optional<GrubBios> grub;
  private final List<BootKernel> kernels;
  private final String append;
  private final int timeout;
  private final String why;
  private final String diskId;
  private Optional<GrubConfig> config = Optional.empty();
  private Optional<byte[]> core = Optional.empty();
  private String writeSeconds = "";

  private BootSetup(
      RootTree root,
      DiskLayout layout,
      Optional<GrubBios> grub,
      List<BootKernel> kernels,
      String append,
      int timeout,
      String why) {
    this.root = root;
    this.layout = layout;
    this.grub = grub;
    this.kernels = kernels;
    this.append = append;
    this.timeout = timeout;
    this.why = why;
    byte[] id = new byte[4];
    RANDOM.nextBytes(id);
    this.diskId = HexFormat.of().formatHex(id);
  }

  /** Decides, and says in the log what was decided and why. */
  static BootSetup plan(
      RootTree root,
      Kickstart kickstart,
      DiskLayout asked,
      Map<String, String> environment,
      BuildLog log)
      throws IOException {
    Optional<KickstartCommand> command = kickstart.command("bootloader");
    String append = command.flatMap(c -> c.option("--append")).orElse("");
    // a cloud image's menu need not wait long; anaconda's default of 5 s is for consoles
    int timeout =
        command
            .flatMap(c -> c.option("--timeout"))
            .filter(t -> t.matches("\\d{1,4}"))
            .map(Integer::parseInt)
            .orElse(1);
    command.ifPresent(c -> notApplied(c, log));
    List<BootKernel> kernels = BootKernel.find(root);
    Optional<String> refusal = refusal(command, asked, kernels);
    GrubBios.Result found =
        refusal.isPresent()
            ? new GrubBios.Result(Optional.empty(), refusal.get())
            : GrubBios.find(root, environment);
    BootSetup setup =
        found.grub().isPresent()
            ? new BootSetup(root, DiskLayout.MBR, found.grub(), kernels, append, timeout, "")
            : new BootSetup(
                root,
                asked == DiskLayout.MBR ? DiskLayout.MBR : DiskLayout.PARTITIONLESS,
                Optional.empty(),
                kernels,
                append,
                timeout,
                found.reason());
    setup.logDecision(log);
    return setup;
  }

  /** Why no boot loader goes in, before looking for GRUB. */
  private static Optional<String> refusal(
      Optional<KickstartCommand> command, DiskLayout asked, List<BootKernel> kernels) {
    if (asked == DiskLayout.PARTITIONLESS) {
      return Optional.of("the partitionless layout was asked for");
    }
    if (command.isPresent()
        && (command.get().hasFlag("--disabled")
            || command.get().option("--location").orElse("").equals("none"))) {
      return Optional.of(
          "the kickstart says bootloader "
              + (command.get().hasFlag("--disabled") ? "--disabled" : "--location=none")
              + " ("
              + command.get().location()
              + ")");
    }
    if (kernels.isEmpty()) {
      return Optional.of("the image has no kernel (/boot/vmlinuz-*): install kernel-core");
    }
    return Optional.empty();
  }

  private static void notApplied(KickstartCommand command, BuildLog log) {
    List<String> words = command.words();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!word.startsWith("--")) {
        continue;
      }
      String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
      boolean valueFollows = !word.contains("=") && OPTIONS_WITH_VALUES.contains(option);
      String value = word.contains("=") ? word.substring(word.indexOf('=') + 1) : "";
      if (valueFollows && i + 1 < words.size()) {
        value = words.get(++i);
      }
      boolean applied =
          APPLIED_OPTIONS.contains(option)
              && !(option.equals("--location") && !Set.of("mbr", "none").contains(value));
      if (!applied && !option.equals("--disabled")) {
        log.log(
            "not applied bootloader "
                + option
                + " ("
                + command.location()
                + "): installroot installs GRUB into the MBR with its --append and --timeout only");
      }
    }
  }

  private void logDecision(BuildLog log) {
    if (grub.isPresent()) {
      BootKernel newest = kernels.get(0);
      log.log(
          "boot: GRUB for BIOS on an MBR disk, kernel "
              + newest.kernel()
              + ", "
              + newest
                  .initramfs()
                  .map(i -> "initramfs " + i)
                  .orElse(
                      "NO initramfs (the kernel package made none and installroot does not run"
                          + " dracut): the kernel must have virtio and ext4 built in, and finds"
                          + " its root by PARTUUID"));
    } else {
      log.log(
          "boot: no boot loader, because "
              + why
              + "; the "
              + layout.name().toLowerCase(java.util.Locale.ROOT)
              + " disk boots only with an external kernel (build-info says boot: kernel)");
    }
  }

  DiskLayout layout() {
    return layout;
  }

  /** The MBR's disk identifier (8 hex digits), also the first part of the PARTUUID. */
  String diskId() {
    return diskId;
  }

  boolean hasBootLoader() {
    return grub.isPresent();
  }

  /**
   * Before the file system is made: GRUB's configuration and modules into the tree, and core.img.
   */
  void prepare(String fsUuid, ToolRunner tools, BuildLog log, Path work)
      throws IOException, BuildException {
    if (grub.isEmpty()) {
      return;
    }
    String rootArgument =
        kernels.get(0).initramfs().isPresent()
            ? "root=UUID=" + fsUuid
            : "root=PARTUUID=" + diskId + "-01 rootfstype=ext4 rootwait";
    GrubConfig made = new GrubConfig(kernels, fsUuid, rootArgument, append, timeout, osName());
    long started = System.nanoTime();
    core = Optional.of(grub.get().prepare(made, "msdos1", tools, log, work));
    config = Optional.of(made);
    writeSeconds = seconds(started);
  }

  /** After the file system is made: boot.img into the MBR and core.img behind it. */
  void install(DiskImage.Made disk, BuildLog log) throws IOException, BuildException {
    if (grub.isEmpty() || core.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    GrubBootSector.install(
        disk.file(),
        grub.get().bootImage(),
        core.get(),
        1,
        DiskImage.PARTITION_OFFSET / GrubBootSector.SECTOR);
    log.log(
        "GRUB: boot.img in the MBR, core.img ("
            + core.get().length
            + " bytes) at sector 1; the boot loader took "
            + writeSeconds
            + " s to prepare and "
            + seconds(started)
            + " s to write");
  }

  /** The boot fields of build-info.json. */
  void describe(ObjectNode info, ObjectNode disk, String externalKernelArgs) {
    if (config.isPresent()) {
      disk.put("bootLoader", "grub2-bios");
      disk.put("boot", "GRUB for BIOS in the MBR, from the image's packages");
      disk.put("mkimage", grub.get().mkimage().source());
      disk.put("kernel", kernels.get(0).kernel());
      disk.put("initramfs", kernels.get(0).initramfs().orElse(""));
      if (kernels.get(0).initramfs().isEmpty()) {
        disk.put(
            "initramfsMissing",
            "the kernel package made no initramfs; the root is found by PARTUUID, so the"
                + " kernel needs virtio and ext4 built in");
      }
      info.put("boot", "bootloader");
      info.put("layout", layout.name().toLowerCase(java.util.Locale.ROOT));
      info.put("kernelArgs", config.get().kernelArguments());
    } else {
      disk.put("bootLoader", "none");
      disk.put("boot", "external kernel and initrd only: no boot loader, because " + why);
      info.put("boot", "kernel");
      info.put("layout", layout.name().toLowerCase(java.util.Locale.ROOT));
      info.put("kernelArgs", externalKernelArgs);
    }
  }

  /** PRETTY_NAME (else NAME) of the image's os-release, for the menu entries. */
  private String osName() throws IOException {
    Map<String, String> fields = new java.util.HashMap<>();
    for (String line : root.lines("/usr/lib/os-release")) {
      fields.put(line.replaceFirst("=.*", ""), line.replaceFirst("^[^=]*=", ""));
    }
    for (String line : root.lines("/etc/os-release")) {
      fields.put(line.replaceFirst("=.*", ""), line.replaceFirst("^[^=]*=", ""));
    }
    return fields
        .getOrDefault("PRETTY_NAME", fields.getOrDefault("NAME", "Linux"))
        .replaceAll("^[\"']|[\"']$", "");
  }

  private static String seconds(long startedNanos) {
    return String.format("%.2f", (System.nanoTime() - startedNanos) / 1e9);
  }
}
