package io.jenkins.plugins.cloudimages.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The GRUB configuration of a built image: one menu entry per kernel (newest first, the default),
 * the root file system found by its UUID (by GRUB with {@code search --fs-uuid}, by the initramfs
 * with {@code root=UUID=}), output on the serial console and the screen, as clouds show the serial
 * console. Plain menu entries rather than BootLoaderSpec snippets: upstream GRUB (Debian's) has no
 * {@code blscfg} command, RHEL's has both.
 *
 * @param kernels the image's kernels, newest first
 * @param fsUuid the root file system's UUID
 * @param rootArgument {@code root=UUID=...}, or {@code root=PARTUUID=...} without an initramfs
 * @param extraArguments the kickstart's {@code bootloader --append}
 * @param timeoutSeconds the menu's wait
 * @param osName the image's PRETTY_NAME
 */
record GrubConfig(
    List<BootKernel> kernels,
    String fsUuid,
    String rootArgument,
    String extraArguments,
    int timeoutSeconds,
    String osName) {
  static final String SERIAL_CONSOLE = "console=ttyS0,115200n8";

  /**
   * The kernel command line: the root, read-only until systemd remounts it from fstab, the
   * kickstart's arguments, and the serial console unless the kickstart names ttyS0 already.
   */
  String kernelArguments() {
    List<String> words = new ArrayList<>(List.of(rootArgument, "ro"));
    List<String> extra =
        Arrays.stream(extraArguments.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    words.addAll(extra);
    if (extra.stream().noneMatch(w -> w.startsWith("console=ttyS0"))) {
      words.add(SERIAL_CONSOLE);
    }
    return String.join(" ", words);
  }

  /** {@code /boot/grub2/grub.cfg}. */
  String grubCfg() {
    StringBuilder cfg = new StringBuilder();
    cfg.append(
            "# Written by cloudimg (installroot build): GRUB for BIOS from the image's packages.\n")
        .append("set default=0\n")
        .append("set timeout=")
        .append(timeoutSeconds)
        .append('\n')
        .append("serial --unit=0 --speed=115200\n")
        .append("terminal_input serial console\n")
        .append("terminal_output serial console\n")
        .append("search --no-floppy --fs-uuid --set=root ")
        .append(fsUuid)
        .append('\n');
    for (BootKernel kernel : kernels) {
      cfg.append("\nmenuentry '")
          .append(quoted(osName + " (" + kernel.version() + ")"))
          .append("' --id 'linux-")
          .append(quoted(kernel.version()))
          .append("' {\n")
          .append("  linux ")
          .append(kernel.kernel())
          .append(' ')
          .append(kernelArguments())
          .append('\n');
      kernel.initramfs().ifPresent(i -> cfg.append("  initrd ").append(i).append('\n'));
      cfg.append("}\n");
    }
    return cfg.toString();
  }

  /** {@code /etc/default/grub}, so that the image's own grub2-mkconfig later keeps the settings. */
  String defaults() {
    String extra = kernelArguments().replaceFirst("^\\S+ ro ?", "");
    return "GRUB_TIMEOUT="
        + timeoutSeconds
        + "\nGRUB_DISTRIBUTOR=\"$(sed 's, release .*$,,g' /etc/system-release)\"\n"
        + "GRUB_DEFAULT=saved\n"
        + "GRUB_DISABLE_SUBMENU=true\n"
        + "GRUB_TERMINAL=\"serial console\"\n"
        + "GRUB_SERIAL_COMMAND=\"serial --speed=115200\"\n"
        + "GRUB_CMDLINE_LINUX=\""
        + extra.replace("\"", "\\\"")
        + "\"\n"
        + "GRUB_DISABLE_RECOVERY=true\n";
  }

  private static String quoted(String text) {
    return text.replace("'", "'\\''");
  }
}
