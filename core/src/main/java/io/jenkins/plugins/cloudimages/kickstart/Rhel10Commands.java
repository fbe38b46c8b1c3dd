package io.jenkins.plugins.cloudimages.kickstart;

/**
 * RHEL10: what pykickstart's RHEL10 handler changes from RHEL9 (new, changed, deprecated, removed
 * and dropped commands). Everything else is inherited.
 */
final class Rhel10Commands {
  private Rhel10Commands() {}

  static void define(CommandTable.Builder t) {
    t.remove("auth");
    t.remove("authconfig");
    t.change("autopart").flag("--hibernation");
    t.remove("autostep");
    t.command("bootc")
        .conflicts("ostreecontainer", "ostreesetup")
        .text("--stateroot")
        .text("--source-imgref")
        .required()
        .text("--target-imgref");
    t.change("bootloader").flag("--sdboot");
    t.remove("btrfs");
    t.change("logging").without("--level");
    t.remove("method");
    t.deprecate("module");
    t.change("network").text("--teamslaves").deprecated().text("--teamconfig").deprecated();
    t.remove("nvdimm");
    t.change("ostreecontainer").noRules().conflicts("bootc", "ostreesetup");
    t.change("ostreesetup").noRules().conflicts("bootc", "ostreecontainer");
    t.command("rdp").text("--username").text("--password");
    t.change("repo").without("--ignoregroups");
    t.change("rhsm").text("--flatpak-registry-url");
    t.change("timezone").without("--isUtc", "--nontp", "--ntpservers");
    t.deprecate("vnc");
  }
}
