package io.jenkins.plugins.cloudimages.kickstart;

/**
 * RHEL9: what pykickstart's RHEL9 handler changes from RHEL8 (new, changed, deprecated, removed and
 * dropped commands). Everything else is inherited.
 */
final class Rhel9Commands {
  private Rhel9Commands() {}

  static void define(CommandTable.Builder t) {
    t.deprecate("autostep");
    t.change("bootloader").without("--upgrade");
    t.remove("device");
    t.remove("deviceprobe");
    t.remove("dmraid");
    t.change("harddrive").without("--biospart").text("--partition").required();
    t.change("ignoredisk").without("--interactive");
    t.remove("install");
    t.change("logging").text("--level").deprecated();
    t.deprecate("method");
    t.remove("multipath");
    t.change("network")
        .text("--ipv4-dns-search")
        .text("--ipv6-dns-search")
        .flag("--ipv4-ignore-auto-dns")
        .flag("--ipv6-ignore-auto-dns");
    t.command("ostreecontainer")
        .conflicts("ostreesetup")
        .text("--stateroot")
        .text("--url")
        .required()
        .text("--transport")
        .text("--remote")
        .flag("--no-signature-verification");
    t.change("part").without("--active");
    t.change("repo").bool("--ignoregroups").deprecated();
    t.change("rootpw").flag("--allow-ssh");
    t.command("timesource")
        .oneOf("--ntp-server", "--ntp-pool", "--ntp-disable")
        .text("--ntp-server")
        .text("--ntp-pool")
        .flag("--ntp-disable")
        .flag("--nts");
    t.change("timezone")
        .flag("--isUtc")
        .deprecated()
        .flag("--nontp")
        .deprecated()
        .text("--ntpservers")
        .deprecated();
    t.change("updates").args(1, 1);
    t.change("zfcp").text("--wwpn").text("--fcplun");
  }
}
