package io.jenkins.plugins.cloudimages.pipeline.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Configures the Debian tree the way a CentOS cloud base comes: networking on by default (CentOS
 * enables NetworkManager, which takes DHCP on every wired interface; here systemd-networkd does the
 * same), and rpm reading the system's package database in /var/lib/rpm (Debian's rpm looks in
 * ~/.rpmdb). The wrapped packages then carry it, so the kickstart needs no Debian-specific lines.
 */
final class CloudBase {
  private static final String NETWORK =
      """
      # Every wired interface takes DHCP, as NetworkManager does on a CentOS cloud image.
      [Match]
      Name=en* eth*

      [Network]
      DHCP=yes
      """;

  private CloudBase() {}

  static void configure(Path tree) throws IOException {
    Path units = tree.resolve("lib/systemd/system");
    enable(tree, units, "multi-user.target.wants", "systemd-networkd.service");
    enable(tree, units, "sockets.target.wants", "systemd-networkd.socket");
    Path network = tree.resolve("etc/systemd/network/80-cloud-dhcp.network");
    Files.createDirectories(network.getParent());
    Files.writeString(network, NETWORK, StandardCharsets.UTF_8);
    Path rpmMacros = tree.resolve("etc/rpm/macros.dbpath");
    Files.createDirectories(rpmMacros.getParent());
    Files.writeString(rpmMacros, "%_dbpath /var/lib/rpm\n", StandardCharsets.UTF_8);
  }

  private static void enable(Path tree, Path units, String wants, String unit) throws IOException {
    if (!Files.exists(units.resolve(unit))) {
      return;
    }
    Path link = tree.resolve("etc/systemd/system").resolve(wants).resolve(unit);
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of("/lib/systemd/system").resolve(unit));
  }
}
