package io.jenkins.plugins.cloudimages.kickstart;

import static io.jenkins.plugins.cloudimages.kickstart.CommandSpec.MANY;

import java.util.List;

/**
 * RHEL6: what pykickstart's RHEL6 handler changes from RHEL5 (new, changed, deprecated, removed and
 * dropped commands). Everything else is inherited.
 */
final class Rhel6Commands {
  private Rhel6Commands() {}

  static void define(CommandTable.Builder t) {
    t.command("autopart")
        .conflicts("logvol", "partition", "raid", "volgroup")
        .flag("--encrypted")
        .text("--passphrase")
        .text("--escrowcert")
        .flag("--backuppassphrase")
        .text("--cipher");
    t.change("bootloader")
        .without("--hvargs")
        .integer("--timeout")
        .text("--default")
        .flag("--lba32")
        .deprecated()
        .flag("--iscrypted");
    t.change("device").args(1, 1);
    t.command("fcoe").text("--nic").required().flag("--dcb");
    t.change("firewall")
        .without("--high", "--medium")
        .text("--service")
        .text("--telnet")
        .deprecated();
    t.command("group").text("--name").required().integer("--gid");
    t.change("ignoredisk")
        .noRules()
        .oneOf("--drives", "--only-use", "--interactive")
        .flag("--interactive");
    t.command("install").text("--root-device");
    t.change("iscsi").text("--reverse-user").text("--reverse-password").text("--iface");
    t.change("logvol")
        .noRules()
        .requires("--thin", "--poolname")
        .requires("--chunksize", "--thinpool")
        .requires("--metadatasize", "--thinpool")
        .requires("--resize", "--useexisting")
        .requires("--resize", "--size")
        .conflicts("autopart")
        .text("--bytes-per-inode")
        .deprecated()
        .text("--fsprofile")
        .text("--escrowcert")
        .flag("--backuppassphrase")
        .text("--cipher")
        .flag("--hibernation")
        .flag("--thinpool")
        .flag("--thin")
        .text("--poolname")
        .integer("--chunksize")
        .integer("--metadatasize")
        .text("--profile");
    t.deprecate("monitor");
    t.change("network")
        .choice(List.of("dhcp", "bootp", "static", "query", "ibft"), "--bootproto")
        .text("--ipv6")
        .flag("--activate")
        .flag("--nodefroute")
        .text("--vlanid")
        .text("--bondslaves")
        .text("--bondopts");
    t.change("part")
        .noRules()
        .requires("--resize", "--onpart")
        .requires("--resize", "--size")
        .conflicts("autopart")
        .text("--bytes-per-inode")
        .deprecated()
        .text("--fsprofile")
        .text("--start")
        .deprecated()
        .text("--end")
        .deprecated()
        .text("--escrowcert")
        .flag("--backuppassphrase")
        .text("--cipher")
        .flag("--hibernation");
    t.change("raid")
        .noRules()
        .argsUnless(2, "--useexisting", "--noformat")
        .conflicts("autopart")
        .text("--bytes-per-inode")
        .deprecated()
        .text("--fsprofile")
        .text("--escrowcert")
        .flag("--backuppassphrase")
        .text("--cipher");
    t.command("repo")
        .oneOf("--baseurl", "--mirrorlist")
        .text("--name")
        .required()
        .text("--baseurl")
        .text("--mirrorlist")
        .integer("--cost")
        .text("--excludepkgs")
        .text("--includepkgs")
        .bool("--ignoregroups")
        .text("--proxy")
        .flag("--noverifyssl");
    t.command("rescue").flag("--nomount").flag("--romount");
    t.command("rootpw").args(1, 1).flag("--iscrypted").flag("--lock").flag("--plaintext");
    t.command("sshpw")
        .args(1, MANY)
        .text("--username")
        .required()
        .flag("--iscrypted")
        .flag("--plaintext")
        .flag("--lock");
    t.command("unsupported_hardware");
    t.command("updates").args(0, 1);
    t.command("upgrade").text("--root-device");
    t.command("url").oneOf("--url").text("--url").required().text("--proxy").flag("--noverifyssl");
    t.change("user").flag("--lock").flag("--plaintext").text("--gecos");
    t.change("vnc").without("--connect");
    t.change("volgroup")
        .noRules()
        .argsUnless(2, "--useexisting", "--noformat")
        .conflicts("autopart", "mount")
        .integer("--reserved-space")
        .integer("--reserved-percent");
    t.change("xconfig")
        .without("--card", "--hsync", "--monitor", "--noprobe", "--vsync")
        .text("--driver")
        .deprecated()
        .text("--depth")
        .deprecated()
        .text("--resolution")
        .deprecated()
        .text("--videoram")
        .deprecated();
    t.change("zfcp").text("--scsiid").deprecated().text("--scsilun").deprecated();
    t.drop("langsupport");
    t.drop("mouse");
  }
}
