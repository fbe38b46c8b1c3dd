package io.jenkins.plugins.cloudimages.kickstart;

import static io.jenkins.plugins.cloudimages.kickstart.CommandSpec.MANY;

import java.util.List;

/**
 * RHEL7: what pykickstart's RHEL7 handler changes from RHEL6 (new, changed, deprecated, removed and
 * dropped commands). Everything else is inherited.
 */
final class Rhel7Commands {
  private Rhel7Commands() {}

  static void define(CommandTable.Builder t) {
    // From F18 on, a locked root account needs no password.
    t.change("rootpw").args(0, 1).argsUnless(1, "--lock").meaning("a password");
    t.change("autopart")
        .noRules()
        .conflicts("logvol", "partition", "raid", "reqpart", "volgroup")
        .flag("--nolvm")
        .choice(List.of("lvm", "btrfs", "plain", "thinp"), "--type")
        .text("--fstype")
        .flag("--nohome");
    t.change("bootloader")
        .without("--lba32")
        .text("--boot-drive")
        .flag("--leavebootorder")
        .flag("--extlinux")
        .flag("--disabled")
        .flag("--nombr");
    t.command("btrfs")
        .args(2, MANY)
        .flag("--noformat")
        .flag("--useexisting")
        .text("--label")
        .text("--data")
        .text("--metadata")
        .flag("--subvol")
        .text("--parent")
        .text("--name")
        .text("--mkfsoptions");
    t.change("clearpart").text("--disklabel").text("--list").flag("--cdl");
    t.change("driverdisk").without("--type");
    t.command("eula")
        .oneOf("--agreed", "--agree", "--accept")
        .flag("--agreed", "--agree", "--accepted", "--accept");
    t.change("fcoe").flag("--autovlan");
    t.change("firewall").without("--telnet").text("--remove-service");
    t.command("hmc");
    t.command("keyboard")
        .args(0, 1)
        .oneOfOrArgs("--vckeymap", "--xlayouts")
        .text("--vckeymap")
        .text("--xlayouts")
        .text("--switch");
    t.command("lang").args(1, 1).text("--addsupport");
    t.command("liveimg")
        .text("--url")
        .required()
        .text("--proxy")
        .flag("--noverifyssl")
        .text("--checksum");
    t.change("logvol")
        .without("--bytes-per-inode")
        .noRules()
        .requires("--thin", "--poolname")
        .requires("--chunksize", "--thinpool")
        .requires("--metadatasize", "--thinpool")
        .requires("--resize", "--useexisting")
        .requires("--resize", "--size")
        .oneOf(
            "--useexisting", "--noformat", "--size", "--percent", "--hibernation", "--recommended")
        .conflicts("autopart", "mount")
        .text("--label")
        .flag("--resize")
        .text("--mkfsoptions");
    t.change("network")
        .text("--wpakey")
        .text("--ipv6gateway")
        .text("--teamslaves")
        .text("--teamconfig")
        .text("--interfacename")
        .text("--bridgeslaves")
        .text("--bridgeopts")
        .flag("--no-activate")
        .choice(List.of("mac"), "--bindto");
    t.command("nvdimm")
        .args(1, 1)
        .text("--namespace")
        .text("--blockdevs")
        .choice(List.of("sector"), "--mode")
        .integer("--sectorsize");
    t.command("ostreesetup")
        .text("--osname")
        .required()
        .text("--remote")
        .text("--url")
        .required()
        .text("--ref")
        .required()
        .flag("--nogpg");
    t.change("part")
        .without("--bytes-per-inode", "--start", "--end")
        .noRules()
        .requires("--resize", "--onpart")
        .requires("--resize", "--size")
        .conflicts("autopart", "mount")
        .flag("--resize")
        .text("--mkfsoptions");
    t.change("raid")
        .without("--bytes-per-inode")
        .noRules()
        .argsUnless(2, "--useexisting", "--noformat")
        .conflicts("autopart", "mount")
        .text("--label")
        .text("--mkfsoptions")
        .integer("--chunksize");
    t.command("realm").loose();
    t.change("repo").noRules().flag("--install");
    t.command("reqpart").conflicts("autopart", "mount").flag("--add-boot");
    t.command("snapshot")
        .args(1, 1)
        .text("--name")
        .required()
        .choice(List.of("pre-install", "post-install"), "--when")
        .required();
    t.command("timezone")
        .args(0, 1)
        .oneOfOrArgs("--utc", "--isUtc", "--nontp", "--ntpservers")
        .flag("--utc", "--isUtc")
        .flag("--nontp")
        .text("--ntpservers");
    t.deprecate("upgrade");
    t.change("url")
        .noRules()
        .oneOf("--url", "--mirrorlist", "--metalink")
        .text("--url")
        .text("--mirrorlist");
    t.change("user").integer("--gid");
    t.change("xconfig").without("--driver", "--depth", "--resolution", "--videoram");
    t.change("zfcp").without("--scsiid", "--scsilun");
    t.drop("interactive");
    t.drop("key");
    t.drop("monitor");
  }
}
