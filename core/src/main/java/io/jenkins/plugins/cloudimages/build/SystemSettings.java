package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.build.CommandOutcome.Disposition;
import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Image-wide settings applied as the files anaconda would write: locale, keymap, time zone, SELinux
 * mode, host name and interface, firewall and systemd service state.
 */
final class SystemSettings {
  private final RootTree root;
  private final int majorRelease;

  SystemSettings(RootTree root, int majorRelease) {
    this.root = root;
    this.majorRelease = majorRelease;
  }

  CommandOutcome lang(KickstartCommand command) throws IOException {
    List<String> words = command.positional(Set.of("--addsupport"));
    if (words.isEmpty()) {
      return notApplied(command, "no language given");
    }
    String file = majorRelease >= 7 ? "/etc/locale.conf" : "/etc/sysconfig/i18n";
    root.write(file, "LANG=\"" + words.get(0) + "\"\n", "rw-r--r--");
    return applied(command, file);
  }

  CommandOutcome keyboard(KickstartCommand command) throws IOException {
    Optional<String> keymap =
        command
            .option("--vckeymap")
            .or(
                () ->
                    command.positional(Set.of("--vckeymap", "--xlayouts", "--switch")).stream()
                        .findFirst())
            .or(() -> command.option("--xlayouts").map(l -> l.split(",")[0].trim()));
    if (keymap.isEmpty()) {
      return notApplied(command, "no keymap given");
    }
    String file = majorRelease >= 7 ? "/etc/vconsole.conf" : "/etc/sysconfig/keyboard";
    String key = majorRelease >= 7 ? "KEYMAP" : "KEYTABLE";
    root.write(file, key + "=\"" + keymap.get() + "\"\n", "rw-r--r--");
    return applied(command, file);
  }

  CommandOutcome timezone(KickstartCommand command) throws IOException {
    List<String> words = command.positional(Set.of("--ntpservers", "--timeservers"));
    if (words.isEmpty()) {
      return notApplied(command, "no time zone given");
    }
    String zone = words.get(0);
    if (!zone.matches("[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*")) {
      return notApplied(command, "not a time zone name: " + zone);
    }
    root.symlink("/etc/localtime", "../usr/share/zoneinfo/" + zone);
    boolean utc = command.hasFlag("--utc") || command.hasFlag("--isUtc");
    root.write("/etc/adjtime", "0.0 0 0.0\n0\n" + (utc ? "UTC" : "LOCAL") + "\n", "rw-r--r--");
    String detail =
        root.exists("/usr/share/zoneinfo/" + zone)
            ? ""
            : "zoneinfo for " + zone + " is not in the image (tzdata not installed)";
    if (command.option("--ntpservers").isPresent() || command.option("--timeservers").isPresent()) {
      detail = (detail.isEmpty() ? "" : detail + "; ") + "NTP servers not applied";
    }
    return applied(command, detail);
  }

  CommandOutcome selinux(KickstartCommand command) throws IOException {
    String mode =
        command.hasFlag("--disabled")
            ? "disabled"
            : command.hasFlag("--permissive") ? "permissive" : "enforcing";
    List<String> lines = root.lines("/etc/selinux/config");
    lines.removeIf(l -> l.startsWith("SELINUX="));
    lines.add(0, "SELINUX=" + mode);
    if (lines.stream().noneMatch(l -> l.startsWith("SELINUXTYPE="))) {
      lines.add("SELINUXTYPE=targeted");
    }
    root.replaceLines("/etc/selinux/config", lines, "rw-r--r--");
    if (mode.equals("disabled")) {
      return applied(command, "SELINUX=disabled");
    }
    // mkfs.ext4 -d copies no SELinux labels: the image relabels itself on first boot
    root.write("/.autorelabel", "", "rw-r--r--");
    return applied(command, "SELINUX=" + mode + "; files labelled at first boot (/.autorelabel)");
  }

  CommandOutcome network(KickstartCommand command) throws IOException {
    List<String> done = new ArrayList<>();
    Optional<String> hostname = command.option("--hostname");
    if (hostname.isPresent()) {
      root.write("/etc/hostname", hostname.get() + "\n", "rw-r--r--");
      done.add("hostname");
    }
    Optional<String> device = command.option("--device");
    Optional<String> bootproto = command.option("--bootproto");
    if (device.isPresent() && !device.get().matches("[A-Za-z0-9_.-]+")) {
      return notApplied(command, "device " + device.get() + " is not an interface name");
    }
    if (device.isPresent() && bootproto.orElse("dhcp").equals("dhcp")) {
      List<String> ifcfg = new ArrayList<>();
      ifcfg.add("DEVICE=" + device.get());
      ifcfg.add("BOOTPROTO=dhcp");
      ifcfg.add(
          "ONBOOT=" + (command.option("--onboot").orElse("yes").startsWith("n") ? "no" : "yes"));
      ifcfg.add("TYPE=Ethernet");
      if (command.hasFlag("--noipv6")) {
        ifcfg.add("IPV6INIT=no");
      }
      root.write(
          "/etc/sysconfig/network-scripts/ifcfg-" + device.get(),
          String.join("\n", ifcfg) + "\n",
          "rw-r--r--");
      done.add("ifcfg-" + device.get());
    } else if (bootproto.isPresent() && !bootproto.get().equals("dhcp")) {
      return notApplied(
          command,
          "only --bootproto=dhcp interfaces are written by installroot"
              + (done.isEmpty() ? "" : " (hostname applied)"));
    }
    if (done.isEmpty()) {
      return notApplied(command, "nothing this backend can write (needs --hostname or --device)");
    }
    return applied(command, String.join(", ", done));
  }

  CommandOutcome services(KickstartCommand command) throws IOException {
    List<String> done = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String unit : names(command.option("--disabled"))) {
      if (new SystemdUnits(root).disable(unit)) {
        done.add("-" + unit);
      } else {
        missing.add(unit);
      }
    }
    for (String unit : names(command.option("--enabled"))) {
      if (new SystemdUnits(root).enable(unit)) {
        done.add("+" + unit);
      } else {
        missing.add(unit);
      }
    }
    if (!missing.isEmpty()) {
      return new CommandOutcome(
          command,
          done.isEmpty() ? Disposition.NOT_APPLIED : Disposition.APPLIED,
          "no systemd unit in the image for " + String.join(", ", missing));
    }
    return applied(command, String.join(" ", done));
  }

  CommandOutcome firewall(KickstartCommand command) throws IOException {
    SystemdUnits units = new SystemdUnits(root);
    if (command.hasFlag("--disabled")) {
      boolean present = units.disable("firewalld");
      return present
          ? applied(command, "firewalld disabled")
          : applied(command, "no firewalld in the image: nothing to disable");
    }
    if (!units.enable("firewalld")) {
      return notApplied(command, "firewalld is not installed in the image");
    }
    if (command.option("--service").isPresent()
        || command.option("--port").isPresent()
        || command.option("--trust").isPresent()) {
      return new CommandOutcome(
          command,
          Disposition.APPLIED,
          "firewalld enabled; --service/--port/--trust rules not applied");
    }
    return applied(command, "firewalld enabled");
  }

  private static List<String> names(Optional<String> list) {
    return list.map(
            v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  private static CommandOutcome applied(KickstartCommand command, String detail) {
    return new CommandOutcome(command, Disposition.APPLIED, detail);
  }

  private static CommandOutcome notApplied(KickstartCommand command, String why) {
    return new CommandOutcome(command, Disposition.NOT_APPLIED, why);
  }
}
