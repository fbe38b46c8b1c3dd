package io.jenkins.plugins.cloudimages.kickstart;

import static io.jenkins.plugins.cloudimages.kickstart.CommandSpec.MANY;

import java.util.List;

/** RHEL5: every command pykickstart's RHEL5 handler knows, with its options. */
final class Rhel5Commands {
  private Rhel5Commands() {}

  static void define(CommandTable.Builder t) {
    t.command("auth").loose();
    t.command("authconfig").loose();
    t.command("autopart").flag("--encrypted").text("--passphrase");
    t.command("autostep").flag("--autoscreenshot");
    t.command("bootloader")
        .text("--append")
        .choice(List.of("mbr", "partition", "none", "boot"), "--location")
        .flag("--lba32")
        .text("--password")
        .text("--md5pass")
        .flag("--upgrade")
        .text("--driveorder")
        .text("--hvargs");
    t.command("cdrom");
    t.command("clearpart")
        .flag("--all")
        .text("--drives")
        .flag("--initlabel")
        .flag("--linux")
        .flag("--none");
    t.command("cmdline");
    t.command("device").args(2, 2).text("--opts");
    t.command("deviceprobe").loose();
    t.command("dmraid").text("--name").required().text("--dev").required();
    t.command("driverdisk")
        .args(0, 1)
        .oneOfOrArgs("--source", "--biospart")
        .text("--source")
        .text("--biospart")
        .text("--type")
        .deprecated();
    t.command("firewall")
        .flag("--disable", "--disabled")
        .flag("--enable", "--enabled")
        .flag("--ftp")
        .flag("--http")
        .flag("--smtp")
        .flag("--ssh")
        .flag("--telnet")
        .text("--high")
        .deprecated()
        .text("--medium")
        .deprecated()
        .text("--port")
        .text("--trust");
    t.command("firstboot")
        .flag("--disable", "--disabled")
        .flag("--enable", "--enabled")
        .flag("--reconfig");
    t.command("graphical");
    t.command("halt").flag("--eject");
    t.command("harddrive")
        .oneOf("--biospart", "--partition")
        .text("--biospart")
        .text("--partition")
        .text("--dir")
        .required();
    t.command("ignoredisk").oneOf("--drives", "--only-use").text("--drives").text("--only-use");
    t.command("install");
    t.command("interactive");
    t.command("iscsi")
        .text("--target")
        .text("--ipaddr")
        .required()
        .integer("--port")
        .text("--user")
        .text("--password");
    t.command("iscsiname").args(1, 1);
    t.command("key").args(0, 1).oneOfOrArgs("--skip").flag("--skip");
    t.command("keyboard").args(1, 1);
    t.command("lang").args(1, 1);
    t.deprecated("langsupport");
    t.command("logging")
        .requires("--port", "--host")
        .text("--host")
        .text("--port")
        .choice(List.of("debug", "info", "warning", "error", "critical"), "--level");
    t.command("logvol")
        .args(1, 1)
        .requires("--thin", "--poolname")
        .requires("--chunksize", "--thinpool")
        .requires("--metadatasize", "--thinpool")
        .requires("--resize", "--useexisting")
        .requires("--resize", "--size")
        .text("--fstype")
        .flag("--grow")
        .integer("--maxsize")
        .text("--name")
        .required()
        .flag("--noformat")
        .integer("--percent")
        .flag("--recommended")
        .integer("--size")
        .flag("--useexisting")
        .text("--vgname")
        .required()
        .integer("--bytes-per-inode")
        .text("--fsoptions")
        .flag("--encrypted")
        .text("--passphrase");
    t.command("mediacheck");
    t.command("method").unusable();
    t.command("monitor").text("--hsync").text("--monitor").text("--vsync").flag("--noprobe");
    t.deprecated("mouse");
    t.command("multipath")
        .text("--name")
        .required()
        .text("--device")
        .required()
        .text("--rule")
        .required();
    t.command("network")
        .requires("--bridgeopts", "--bridgeslaves")
        .requires("--ipv4-dns-search", "--device")
        .requires("--ipv6-dns-search", "--device")
        .requires("--ipv4-ignore-auto-dns", "--device")
        .requires("--ipv6-ignore-auto-dns", "--device")
        .choice(List.of("dhcp", "bootp", "static", "query"), "--bootproto")
        .text("--dhcpclass")
        .text("--device")
        .text("--essid")
        .text("--ethtool")
        .text("--gateway")
        .text("--hostname")
        .text("--ip")
        .text("--mtu")
        .text("--nameserver")
        .text("--netmask")
        .flag("--nodns")
        .bool("--onboot")
        .text("--wepkey")
        .flag("--notksdevice")
        .flag("--noipv4")
        .flag("--noipv6");
    t.command("nfs").text("--server").required().text("--dir").required().text("--opts");
    t.command("part")
        .args(1, 1)
        .requires("--resize", "--onpart")
        .requires("--resize", "--size")
        .flag("--active")
        .flag("--asprimary")
        .integer("--start")
        .integer("--end")
        .text("--fstype", "--type")
        .flag("--grow")
        .integer("--maxsize")
        .flag("--noformat")
        .text("--onbiosdisk")
        .text("--ondisk", "--ondrive")
        .text("--onpart", "--usepart")
        .flag("--recommended")
        .integer("--size")
        .integer("--bytes-per-inode")
        .text("--fsoptions")
        .text("--label")
        .flag("--encrypted")
        .text("--passphrase");
    t.command("poweroff").flag("--eject");
    t.command("raid")
        .args(1, MANY)
        .argsUnless(2, "--useexisting", "--noformat")
        .text("--device")
        .required()
        .text("--fstype")
        .text("--level")
        .flag("--noformat")
        .integer("--spares")
        .flag("--useexisting")
        .text("--fsoptions")
        .integer("--bytes-per-inode")
        .flag("--encrypted")
        .text("--passphrase");
    t.command("reboot").flag("--eject");
    t.command("repo")
        .oneOf("--baseurl", "--mirrorlist")
        .text("--name")
        .required()
        .text("--baseurl")
        .text("--mirrorlist");
    t.command("rootpw").args(1, 1).flag("--iscrypted");
    t.command("selinux").flag("--disabled").flag("--enforcing").flag("--permissive");
    t.command("services").oneOf("--disabled", "--enabled").text("--disabled").text("--enabled");
    t.command("shutdown").flag("--eject");
    t.command("skipx");
    t.command("text");
    t.command("timezone").args(1, 1).flag("--utc", "--isUtc");
    t.command("upgrade");
    t.command("url").oneOf("--url").text("--url").required();
    t.command("user")
        .text("--groups")
        .text("--homedir")
        .flag("--iscrypted")
        .text("--name")
        .required()
        .text("--password")
        .text("--shell")
        .integer("--uid");
    t.command("vnc").text("--password").text("--connect").text("--host").text("--port");
    t.command("volgroup")
        .args(1, MANY)
        .argsUnless(2, "--useexisting", "--noformat")
        .flag("--noformat")
        .integer("--pesize")
        .flag("--useexisting");
    t.command("xconfig")
        .text("--defaultdesktop")
        .integer("--depth")
        .text("--resolution")
        .flag("--startxonboot")
        .text("--videoram")
        .text("--card")
        .deprecated()
        .text("--driver")
        .text("--hsync")
        .deprecated()
        .text("--monitor")
        .deprecated()
        .text("--noprobe")
        .deprecated()
        .text("--vsync")
        .deprecated();
    t.command("zerombr");
    t.command("zfcp")
        .text("--devnum")
        .required()
        .text("--fcplun")
        .required()
        .text("--wwpn")
        .required()
        .text("--scsiid")
        .required()
        .text("--scsilun")
        .required();
  }
}
