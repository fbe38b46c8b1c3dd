package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.build.CommandOutcome.Disposition;
import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies a kickstart's commands to an installed root, and accounts for every other command: each
 * one gets an outcome, so nothing is silently dropped.
 */
final class ImageConfigurator {
  /** Commands the build itself uses. */
  private static final Set<String> CONSUMED = Set.of("url", "repo", "part", "autopart");

  /** Installer-only commands that mean nothing for an image built without an installer. */
  private static final Set<String> NO_EFFECT =
      Set.of(
          "install",
          "text",
          "cmdline",
          "graphical",
          "skipx",
          "reboot",
          "poweroff",
          "shutdown",
          "halt",
          "zerombr",
          "clearpart",
          "eula",
          "logging",
          "interactive",
          "cdrom",
          "harddrive",
          "nfs",
          "liveimg",
          "ignoredisk",
          "key",
          "vnc",
          "mediacheck");

  private final AccountSettings accounts;
  private final SystemSettings system;

  ImageConfigurator(RootTree root, int majorRelease, PasswordHasher passwords) {
    this.accounts = new AccountSettings(root, passwords);
    this.system = new SystemSettings(root, majorRelease);
  }

  List<CommandOutcome> apply(Kickstart kickstart) throws IOException, BuildException {
    List<CommandOutcome> outcomes = new ArrayList<>();
    for (KickstartCommand command : kickstart.commands()) {
      outcomes.add(apply(command));
    }
    return outcomes;
  }

  private CommandOutcome apply(KickstartCommand command) throws IOException, BuildException {
    String name = command.name();
    if (CONSUMED.contains(name)) {
      return new CommandOutcome(command, Disposition.CONSUMED, "");
    }
    if (NO_EFFECT.contains(name)) {
      return new CommandOutcome(command, Disposition.NO_EFFECT, "");
    }
    return switch (name) {
      case "rootpw" -> accounts.rootpw(command);
      case "user" -> accounts.user(command);
      case "group" -> accounts.group(command);
      case "sshkey" -> accounts.sshkey(command);
      case "lang" -> system.lang(command);
      case "keyboard" -> system.keyboard(command);
      case "timezone" -> system.timezone(command);
      case "selinux" -> system.selinux(command);
      case "network" -> system.network(command);
      case "services" -> system.services(command);
      case "firewall" -> system.firewall(command);
      case "bootloader" ->
          new CommandOutcome(
              command,
              Disposition.CONSUMED,
              "the disk stage installs GRUB with these kernel arguments when the image has a"
                  + " kernel and GRUB, else keeps them in build-info.json (see the boot: line)");
      default ->
          new CommandOutcome(
              command, Disposition.NOT_APPLIED, "the installroot backend has no equivalent");
    };
  }
}
