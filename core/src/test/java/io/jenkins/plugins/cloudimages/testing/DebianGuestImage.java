package io.jenkins.plugins.cloudimages.testing;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real, small Debian 12 guest for boot tests: debootstrap minbase with systemd, udev, networkd
 * and OpenSSH, as a partitionless ext4 qcow2 booted with the host's kernel. It has no cloud-init
 * (which costs about 30 s more per boot under TCG); instead a boot service installs the root
 * authorized key and the SSH host key from the local driver's seed disk (a tar archive on the
 * second virtio disk) and prints the host keys on the serial console the way cloud-init does.
 *
 * <p>Built once and cached under {@code ${CLOUDIMG_CACHE:-/var/cache/cloudimg}/guest/<digest>/},
 * keyed by a digest of everything that goes into it; the debootstrap package tarball is cached
 * beside it so later builds need no network.
 */
public final class DebianGuestImage {
  static final String SUITE = "bookworm";
  static final List<String> PACKAGES =
      List.of("openssh-server", "systemd-sysv", "udev", "iproute2", "dbus", "procps");
  static final String IMAGE_NAME = "debian12-guest.qcow2";

  private DebianGuestImage() {}

  /** The cached image, built first when missing. Needs root, debootstrap and the Debian mirror. */
  public static synchronized Path get() {
    RequiredTools.require("debootstrap", "mkfs.ext4", "qemu-img", "chroot", "tar");
    RequiredTools.requireRoot();
    Path dir = cacheRoot().resolve("guest").resolve(digest());
    Path image = dir.resolve(IMAGE_NAME);
    if (Files.isRegularFile(image)) {
      return image;
    }
    try {
      build(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return image;
  }

  static Path cacheRoot() {
    String env = System.getenv("CLOUDIMG_CACHE");
    return Path.of(env == null || env.isBlank() ? "/var/cache/cloudimg" : env);
  }

  private static String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          (SUITE + PACKAGES + SEED_SCRIPT + SEED_UNIT + SSHD_CONFIG + NETWORK + "v1")
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void build(Path dir) throws IOException {
    Path parent = Files.createDirectories(dir.getParent());
    Path debs = debTarball(parent);
    Path work = Files.createTempDirectory(parent, "build-");
    try {
      Path root = work.resolve("rootfs");
      run(
          Duration.ofMinutes(10),
          "debootstrap",
          "--variant=minbase",
          "--include=" + String.join(",", PACKAGES),
          "--unpack-tarball=" + debs,
          SUITE,
          root.toString(),
          mirror());
      configure(root);
      Path raw = work.resolve("disk.raw");
      run(
          Duration.ofMinutes(5),
          "mkfs.ext4",
          "-q",
          "-F",
          "-L",
          "root",
          "-d",
          root.toString(),
          raw.toString(),
          "2G");
      Path out = Files.createDirectories(work.resolve("out"));
      run(
          Duration.ofMinutes(5),
          "qemu-img",
          "convert",
          "-O",
          "qcow2",
          raw.toString(),
          out.resolve(IMAGE_NAME).toString());
      Files.writeString(out.resolve(IMAGE_NAME + ".build-info.json"), BUILD_INFO);
      Files.move(out, dir, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      new ProcessRunner().run("rm", "-rf", "--one-file-system", work.toString());
    }
  }

  private static Path debTarball(Path parent) throws IOException {
    Path debs = parent.resolve("debs-" + digest() + ".tgz");
    if (!Files.isRegularFile(debs)) {
      Path tmp = Files.createTempDirectory(parent, "debs-");
      try {
        Path tarball = tmp.resolve("debs.tgz");
        run(
            Duration.ofMinutes(15),
            "debootstrap",
            "--variant=minbase",
            "--include=" + String.join(",", PACKAGES),
            "--make-tarball=" + tarball,
            SUITE,
            tmp.resolve("tree").toString(),
            mirror());
        Files.move(tarball, debs, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        new ProcessRunner().run("rm", "-rf", tmp.toString());
      }
    }
    return debs;
  }

  /** The Debian mirror apt uses on this machine (deb.debian.org when none is found). */
  static String mirror() throws IOException {
    List<Path> sources = new java.util.ArrayList<>();
    sources.add(Path.of("/etc/apt/sources.list"));
    Path dir = Path.of("/etc/apt/sources.list.d");
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        files.sorted().forEach(sources::add);
      }
    }
    for (Path file : sources) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file)) {
        for (String word : line.trim().split("\\s+")) {
          if (word.matches("https?://\\S+/debian/?")) {
            return word.replaceAll("/$", "");
          }
        }
      }
    }
    return "http://deb.debian.org/debian";
  }

  private static void configure(Path root) throws IOException {
    write(root, "etc/fstab", "/dev/vda / ext4 rw,errors=remount-ro 0 1\n", "rw-r--r--");
    write(root, "etc/hostname", "cloudimg-guest\n", "rw-r--r--");
    write(root, "etc/systemd/network/10-dhcp.network", NETWORK, "rw-r--r--");
    write(root, "etc/ssh/sshd_config.d/cloudimg.conf", SSHD_CONFIG, "rw-r--r--");
    write(root, "usr/local/sbin/cloudimg-seed", SEED_SCRIPT, "rwxr-xr-x");
    write(root, "etc/systemd/system/cloudimg-seed.service", SEED_UNIT, "rw-r--r--");
    try (var keys = Files.newDirectoryStream(root.resolve("etc/ssh"), "ssh_host_*")) {
      for (Path key : keys) {
        Files.delete(key);
      }
    }
    run(
        Duration.ofMinutes(1),
        "chroot",
        root.toString(),
        "systemctl",
        "enable",
        "systemd-networkd.service",
        "cloudimg-seed.service");
    run(
        Duration.ofMinutes(1),
        "chroot",
        root.toString(),
        "systemctl",
        "mask",
        "e2scrub_reap.service",
        "systemd-networkd-wait-online.service");
  }

  private static void write(Path root, String file, String text, String mode) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
  }

  private static void run(Duration timeout, String... command) {
    ProcessRunner.Result result =
        new ProcessRunner()
            .timeout(timeout)
            .env(Map.of("DEBIAN_FRONTEND", "noninteractive"))
            .run(command);
    if (!result.succeeded()) {
      throw new IllegalStateException("building the Debian guest: " + result.describeFailure());
    }
  }

  static final String NETWORK = "[Match]\nName=eth0 en*\n\n[Network]\nDHCP=ipv4\n";

  static final String SSHD_CONFIG =
      "HostKey /etc/ssh/ssh_host_ed25519_key\n"
          + "PermitRootLogin prohibit-password\n"
          + "PasswordAuthentication no\n"
          + "UseDNS no\n";

  static final String SEED_UNIT =
      "[Unit]\n"
          + "Description=Install SSH keys from the cloudimg seed disk\n"
          + "DefaultDependencies=no\n"
          + "After=local-fs.target\n"
          + "Before=ssh.service\n"
          + "\n"
          + "[Service]\n"
          + "Type=oneshot\n"
          + "ExecStart=/usr/local/sbin/cloudimg-seed\n"
          + "RemainAfterExit=yes\n"
          + "\n"
          + "[Install]\n"
          + "WantedBy=multi-user.target\n";

  /**
   * The seed disk is the second virtio disk, holding a tar archive with a {@code cloudimg-seed}
   * marker, {@code authorized_keys} and {@code ssh_host_*_key[.pub]}.
   */
  static final String SEED_SCRIPT =
      "#!/bin/sh\n"
          + "set -e\n"
          + "dev=/dev/vdb\n"
          + "[ -b \"$dev\" ] || exit 0\n"
          + "tar -tf \"$dev\" 2>/dev/null | grep -qx 'cloudimg-seed' || exit 0\n"
          + "seed=/run/cloudimg-seed\n"
          + "mkdir -p \"$seed\"\n"
          + "tar -xf \"$dev\" -C \"$seed\"\n"
          + "if [ -f \"$seed/authorized_keys\" ]; then\n"
          + "  install -d -m 700 /root/.ssh\n"
          + "  install -m 600 \"$seed/authorized_keys\" /root/.ssh/authorized_keys\n"
          + "fi\n"
          + "for key in \"$seed\"/ssh_host_*_key; do\n"
          + "  [ -f \"$key\" ] || continue\n"
          + "  install -m 600 \"$key\" /etc/ssh/\n"
          + "  install -m 644 \"$key.pub\" /etc/ssh/\n"
          + "done\n"
          + "rm -rf \"$seed\"\n"
          + "{\n"
          + "  echo '-----BEGIN SSH HOST KEY KEYS-----'\n"
          + "  cat /etc/ssh/ssh_host_*_key.pub\n"
          + "  echo '-----END SSH HOST KEY KEYS-----'\n"
          + "} > /dev/ttyS0 2>/dev/null || true\n";

  static final String BUILD_INFO =
      "{\n"
          + "  \"boot\": \"kernel\",\n"
          + "  \"kernelArgs\": \"root=/dev/vda rw net.ifnames=0\",\n"
          + "  \"cloudInit\": false,\n"
          + "  \"loginUser\": \"root\"\n"
          + "}\n";
}
