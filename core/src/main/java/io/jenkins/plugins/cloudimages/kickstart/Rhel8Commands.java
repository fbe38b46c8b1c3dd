package io.jenkins.plugins.cloudimages.kickstart;

/**
 * RHEL8: what pykickstart's RHEL8 handler changes from RHEL7 (new, changed, deprecated, removed and
 * dropped commands). Everything else is inherited.
 */
final class Rhel8Commands {
  private Rhel8Commands() {}

  static void define(CommandTable.Builder t) {
    t.change("auth").noRules().warns("authconfig is being replaced by authselect");
    t.change("authconfig").noRules().warns("authconfig is being replaced by authselect");
    t.command("authselect").loose();
    t.change("autopart")
        .flag("--noboot")
        .flag("--noswap")
        .text("--luks-version")
        .text("--pbkdf")
        .integer("--pbkdf-memory")
        .integer("--pbkdf-time")
        .integer("--pbkdf-iterations");
    t.change("bootloader").flag("--upgrade").deprecated();
    t.deprecate("btrfs");
    t.command("cmdline").flag("--non-interactive");
    t.deprecate("device");
    t.deprecate("deviceprobe");
    t.deprecate("dmraid");
    t.change("firewall").flag("--use-system-defaults");
    t.command("graphical").flag("--non-interactive");
    t.change("halt").flag("--kexec");
    t.change("ignoredisk")
        .noRules()
        .oneOf("--drives", "--only-use")
        .flag("--interactive")
        .deprecated();
    t.deprecate("install");
    t.change("logvol")
        .integer("--cachesize")
        .text("--cachemode")
        .text("--cachepvs")
        .text("--luks-version")
        .text("--pbkdf")
        .integer("--pbkdf-memory")
        .integer("--pbkdf-time")
        .integer("--pbkdf-iterations");
    t.command("module").text("--name").required().text("--stream").flag("--disable");
    t.command("mount")
        .args(2, 2)
        .conflicts("autopart", "logvol", "partition", "raid", "reqpart", "volgroup")
        .optionalValue("--reformat")
        .text("--mkfsoptions")
        .text("--mountoptions");
    t.deprecate("multipath");
    t.change("part")
        .flag("--active")
        .deprecated()
        .text("--luks-version")
        .text("--pbkdf")
        .integer("--pbkdf-memory")
        .integer("--pbkdf-time")
        .integer("--pbkdf-iterations");
    t.change("poweroff").flag("--kexec");
    t.change("raid")
        .text("--luks-version")
        .text("--pbkdf")
        .integer("--pbkdf-memory")
        .integer("--pbkdf-time")
        .integer("--pbkdf-iterations");
    t.change("reboot").flag("--kexec");
    t.change("repo")
        .text("--metalink")
        .text("--sslcacert")
        .text("--sslclientcert")
        .text("--sslclientkey");
    t.command("rhsm")
        .text("--organization")
        .required()
        .text("--activation-key")
        .required()
        .flag("--connect-to-insights")
        .text("--proxy")
        .text("--server-hostname")
        .text("--rhsm-baseurl");
    t.change("shutdown").flag("--kexec");
    t.command("sshkey").args(1, 1).text("--username").required();
    t.change("sshpw").flag("--sshkey");
    t.command("syspurpose").text("--role").text("--sla").text("--usage").text("--addon");
    t.command("text").flag("--non-interactive");
    t.change("timezone").without("--utc").flag("--utc").flag("--isUtc");
    t.change("url")
        .text("--metalink")
        .text("--sslcacert")
        .text("--sslclientcert")
        .text("--sslclientkey");
    t.command("zipl").flag("--secure-boot").flag("--force-secure-boot").flag("--no-secure-boot");
    t.drop("unsupported_hardware");
    t.drop("upgrade");
  }
}
