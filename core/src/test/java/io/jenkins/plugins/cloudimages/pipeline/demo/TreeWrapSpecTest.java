package io.jenkins.plugins.cloudimages.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWrapSpecTest {
  @TempDir Path root;

  @Test
  void shouldReadDependencyClausesWithAlternativesVersionsAndArchQualifiers() {
    assertThat(DpkgDatabase.clauses("libc6 (>= 2.34), gpgv | gpgv2, python3:any, debconf [amd64]"))
        .containsExactly(
            List.of("libc6"), List.of("gpgv", "gpgv2"), List.of("python3"), List.of("debconf"));
    assertThat(DpkgDatabase.clauses(null)).isEmpty();
  }

  @Test
  void shouldTurnDebianVersionsIntoRpmVersions() {
    assertThat(TreeWrapSpec.rpmVersion("1:2.36-9+deb12u4")).isEqualTo("2.36_9+deb12u4");
    assertThat(TreeWrapSpec.rpmVersion("0.5.12-2")).isEqualTo("0.5.12_2");
  }

  @Test
  void shouldWrapEachDpkgPackageWithItsFilesModesOwnersAndDependencies() throws Exception {
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("etc/ssh"));
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Files.writeString(
        root.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\nsshd:x:101:65534::/run/sshd:/usr/sbin/nologin\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\nshadow:x:42:\n");
    Files.writeString(root.resolve("usr/bin/dash"), "#!");
    Files.writeString(root.resolve("usr/bin/odd\\x2dname"), "x");
    Files.writeString(root.resolve("etc/ssh/ssh_host_ed25519_key"), "secret");
    Files.writeString(root.resolve("etc/ld.so.cache"), "generated");
    Files.writeString(
        root.resolve("var/lib/dpkg/status"),
        "Package: dash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 0.5.12-2\n"
            + "Depends: libc6 (>= 2.34) | libc6-alt\n\n"
            + "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9\n"
            + "Provides: libc-virtual\n\n"
            + "Package: removed\nStatus: deinstall ok config-files\nVersion: 1\n");
    Files.writeString(
        root.resolve("var/lib/dpkg/info/dash.list"),
        "/.\n/bin\n/bin/dash\n/usr/bin/odd\\x2dname\n");
    Files.writeString(root.resolve("var/lib/dpkg/info/libc6:amd64.list"), "/.\n");

    String spec =
        new TreeWrapSpec(root, DpkgDatabase.read(root))
            .write(Map.of("dash-centos", "dash"), Set.of("kernel"));

    assertThat(spec)
        .contains("%package -n deb-dash\n")
        .contains("Requires: deb-libc6\n")
        .contains("Provides: /bin/sh\n")
        .contains("Provides: dash-centos\n")
        .contains("Provides: kernel\n")
        .doesNotContain("deb-removed")
        .contains("\"/usr/bin/dash\"")
        .contains("\"/usr/bin/odd?x2dname\"")
        .contains(
            "%files -n demoos-passwd\n%attr(0644,root,root) \"/etc/group\"\n%attr(0644,root,root) \"/etc/passwd\"")
        .contains("%attr(-,root,root) \"/bin\"")
        .contains("rm -rf '%{buildroot}/etc/ssh/ssh_host_ed25519_key'");
    String config = spec.substring(spec.indexOf("%files -n demoos-config"));
    assertThat(config).contains("\"/etc/ld.so.cache\"").doesNotContain("/usr/bin/dash");
  }

  @Test
  void shouldPutEveryPackageIntoEveryRequestedGroup() {
    String comps = Comps.write(List.of("core", "base"), List.of("deb-bash", "deb-dash"));
    assertThat(comps)
        .contains("<id>core</id>")
        .contains("<id>base</id>")
        .contains("<packagereq type=\"mandatory\">deb-dash</packagereq>");
  }
}
