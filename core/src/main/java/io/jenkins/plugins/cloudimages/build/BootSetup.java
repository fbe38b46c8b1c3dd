package io.jenkins.plugins.cloudimages.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a built disk boots, decided from the asked layout, the kickstart's {@code bootloader} and
 * {@code part /boot/efi} commands and what the image holds: GRUB for BIOS on an MBR disk when the
 * image has a kernel in /boot and GRUB's i386-pc files; a GPT disk with an EFI system partition as
 * well when UEFI is asked for and the image has EFI GRUB; otherwise no boot loader, and the disk
 * boots only with an external kernel (the local QEMU cloud does that). Either way the build log
 * says why, and build-info.json says how the image boots.
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
  private final PartitionTable table;
  private final Optional<GrubBios> bios;
  private final Optional<EfiGrub> efi;
  private final List<BootKernel> kernels;
  private final String append;
  private final int timeout;
  private final List<String> why;
  private final String espVolumeId = hex(4);
  private Optional<GrubConfig> config = Optional.empty();
  private Optional<byte[]> core = Optional.empty();
  private Optional<Path> esp = Optional.empty();
  private String writeSeconds = "";

  /** What the kickstart's bootloader command says. */
  private record Asked(String append, int timeout) {}

  private BootSetup(
      RootTree root,
      PartitionTable table,
      Optional<GrubBios> bios,
      Optional<EfiGrub> efi,
      List<BootKernel> kernels,
      Asked asked,
      List<String> why) {
    this.root = root;
    this.table = table;
    this.bios = bios;
    this.efi = efi;
    this.kernels = kernels;
    this.append = asked.append();
    this.timeout = asked.timeout();
    this.why = why;
  }

  /**
   * Decides, and says in the log what was decided and why. {@code sizeMiB} is the disk size {@link
   * DiskImage#sizeMiB} gives; a GPT disk grows by its BIOS boot and EFI system partitions and the
   * backup GPT, so that the root keeps its room.
   */
  static BootSetup plan(
      RootTree root,
      Kickstart kickstart,
      DiskLayout asked,
      long sizeMiB,
      Map<String, String> environment,
      BuildLog log)
      throws IOException {
    Optional<KickstartCommand> command = kickstart.command("bootloader");
    // a cloud image's menu need not wait long; anaconda's default of 5 s is for consoles
    Asked options =
        new Asked(
            command.flatMap(c -> c.option("--append")).orElse(""),
            command
                .flatMap(c -> c.option("--timeout"))
                .filter(t -> t.matches("\\d{1,4}"))
                .map(Integer::parseInt)
                .orElse(1));
    command.ifPresent(c -> notApplied(c, log));
    List<BootKernel> kernels = BootKernel.find(root);
    List<String> why = new ArrayList<>();
    refusal(command, asked, kernels).ifPresent(why::add);
    Optional<GrubBios> bios = Optional.empty();
    Optional<EfiGrub> efi = Optional.empty();
    boolean uefiAsked =
        asked == DiskLayout.GPT || asked == DiskLayout.AUTO && asksForEsp(kickstart);
    if (why.isEmpty()) {
      GrubBios.Result found = GrubBios.find(root, environment);
      bios = found.grub();
      if (bios.isEmpty()) {
        why.add(found.reason());
      }
      if (uefiAsked) {
        efi = EfiGrub.find(root);
        if (efi.isEmpty()) {
          why.add(
              "UEFI was asked for but the image has no "
                  + EfiGrub.ESP_MOUNT
                  + "/EFI/*/grubx64.efi (install grub2-efi-x64 and shim-x64)");
        }
      }
    }
    DiskLayout layout;
    if (efi.isPresent() || asked == DiskLayout.GPT) {
      layout = DiskLayout.GPT;
    } else if (bios.isPresent() || asked == DiskLayout.MBR) {
      layout = DiskLayout.MBR;
    } else {
      layout = DiskLayout.PARTITIONLESS;
    }
    long extra = layout == DiskLayout.GPT ? PartitionTable.ESP_MIB + 3 : 0;
    PartitionTable table =
        new PartitionTable(layout, sizeMiB + extra, hex(4), java.util.UUID.randomUUID().toString());
    BootSetup setup = new BootSetup(root, table, bios, efi, kernels, options, why);
    setup.logDecision(log);
    return setup;
  }

  /** A kickstart that partitions for UEFI: {@code part /boot/efi} or {@code reqpart}. */
  private static boolean asksForEsp(Kickstart kickstart) {
    return !kickstart.commands("reqpart").isEmpty()
        || kickstart.commands("part").stream()
            .anyMatch(
                p ->
                    p.words().contains(EfiGrub.ESP_MOUNT)
                        || p.option("--fstype").orElse("").equals("efi"));
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
    if (hasBootLoader()) {
      BootKernel newest = kernels.get(0);
      log.log(
          "boot: "
              + loaders()
              + " ("
              + layoutName()
              + " disk), kernel "
              + newest.kernel()
              + ", "
              + newest
                  .initramfs()
                  .map(i -> "initramfs " + i)
                  .orElse(
                      "NO initramfs (the kernel package made none and installroot does not run"
                          + " dracut): the kernel must have virtio and ext4 built in, and finds"
                          + " its root by PARTUUID"));
    }
    for (String reason : why) {
      log.log(
          hasBootLoader()
              ? "boot: " + reason
              : "boot: no boot loader, because "
                  + reason
                  + "; the "
                  + layoutName()
                  + " disk boots only with an external kernel (build-info says boot: kernel)");
    }
  }

  private String loaders() {
    List<String> names = new ArrayList<>();
    bios.ifPresent(b -> names.add("GRUB for BIOS"));
    efi.ifPresent(e -> names.add("EFI GRUB (" + e.loader() + ")"));
    return String.join(" and ", names);
  }

  private String layoutName() {
    return table.layout().name().toLowerCase(java.util.Locale.ROOT);
  }

  DiskLayout layout() {
    return table.layout();
  }

  PartitionTable table() {
    return table;
  }

  boolean hasBootLoader() {
    return bios.isPresent() || efi.isPresent();
  }

  /**
   * Before the file system is made: GRUB's configuration into the tree, core.img, and the EFI
   * system partition's files moved out of the tree.
   */
  void prepare(String fsUuid, ToolRunner tools, BuildLog log, Path work)
      throws IOException, BuildException {
    if (!hasBootLoader()) {
      return;
    }
    long started = System.nanoTime();
    String rootArgument =
        kernels.get(0).initramfs().isPresent()
            ? "root=UUID=" + fsUuid
            : "root=PARTUUID=" + table.partUuid() + " rootfstype=ext4 rootwait";
    GrubConfig made = new GrubConfig(kernels, fsUuid, rootArgument, append, timeout, osName());
    if (bios.isPresent()) {
      core = Optional.of(bios.get().prepare(made, table.grubPartition(), tools, log, work));
    } else {
      GrubBios.writeConfig(root, made);
    }
    if (efi.isPresent()) {
      esp = Optional.of(work.resolve("esp"));
      efi.get().prepare(fsUuid, espVolumeId, esp.get());
    }
    config = Optional.of(made);
    writeSeconds = seconds(started);
  }

  /** After the file system is made: the EFI system partition, boot.img and core.img. */
  void install(DiskImage.Made disk, ToolRunner tools, BuildLog log)
      throws IOException, BuildException {
    long started = System.nanoTime();
    if (table.layout() == DiskLayout.GPT) {
      Path files =
          esp.isPresent() ? esp.get() : Files.createTempDirectory(disk.file().getParent(), "esp");
      EfiGrub.writePartition(
          tools, disk.file(), table.espOffset(), PartitionTable.ESP_MIB, espVolumeId, files);
    }
    if (bios.isPresent() && core.isPresent()) {
      long[] sectors = table.coreSectors();
      GrubBootSector.install(
          disk.file(), bios.get().bootImage(), core.get(), sectors[0], sectors[1]);
      log.log(
          "GRUB: boot.img in the MBR, core.img ("
              + core.get().length
              + " bytes) at sector "
              + sectors[0]);
    }
    log.log(
        "boot loader: "
            + writeSeconds
            + " s to prepare, "
            + seconds(started)
            + " s to write into the disk");
  }

  /** The boot fields of build-info.json. */
  void describe(ObjectNode info, ObjectNode disk, String externalKernelArgs) {
    info.put("layout", layoutName());
    if (config.isPresent()) {
      List<String> firmware = new ArrayList<>();
      bios.ifPresent(b -> firmware.add("bios"));
      efi.ifPresent(e -> firmware.add("uefi"));
      disk.put("bootLoader", String.join("+", firmware.stream().map(f -> "grub2-" + f).toList()));
      disk.put("boot", loaders() + ", from the image's packages");
      bios.ifPresent(b -> disk.put("mkimage", b.mkimage().source()));
      efi.ifPresent(e -> disk.put("efiLoader", e.loader()));
      disk.put("kernel", kernels.get(0).kernel());
      disk.put("initramfs", kernels.get(0).initramfs().orElse(""));
      if (kernels.get(0).initramfs().isEmpty()) {
        disk.put(
            "initramfsMissing",
            "the kernel package made no initramfs; the root is found by PARTUUID, so the"
                + " kernel needs virtio and ext4 built in");
      }
      if (!why.isEmpty()) {
        disk.put("bootNotes", String.join("; ", why));
      }
      info.put("boot", "bootloader");
      firmware.forEach(info.putArray("firmware")::add);
      info.put("kernelArgs", config.get().kernelArguments());
    } else {
      disk.put("bootLoader", "none");
      disk.put(
          "boot",
          "external kernel and initrd only: no boot loader, because " + String.join("; ", why));
      info.put("boot", "kernel");
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

  private static String hex(int bytes) {
    byte[] id = new byte[bytes];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  private static String seconds(long startedNanos) {
    return String.format("%.2f", (System.nanoTime() - startedNanos) / 1e9);
  }
}
