package io.jenkins.plugins.cloudimages.pipeline.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes one RPM spec that wraps a configured Debian tree into one RPM per dpkg package ({@code
 * deb-<name>}, providing the Debian name and any CentOS names mapped to it), plus {@code
 * demoos-passwd} (users and groups, installed first), {@code demoos-filesystem} (every directory
 * and the merged-/usr links), {@code demoos-config} (generated files no package owns) and {@code
 * demoos-compat} (provides the names a kickstart asks for that the tree has no equivalent of, so
 * the kickstart installs unchanged; it holds no files). Ownership and modes come from the tree
 * itself, with user and group names from the tree's own passwd and group files.
 */
final class TreeWrapSpec {
  static final String VERSION = "12";

  /** Paths whose content never goes into a package (kernel file systems, host-specific state). */
  private static final List<String> SKIPPED_PREFIXES =
      List.of("/proc/", "/sys/", "/dev/", "/run/", "/tmp/", "/var/tmp/", "/var/cache/apt/");

  private static final Set<String> SKIPPED_FILES =
      Set.of("/etc/machine-id", "/var/lib/dbus/machine-id", "/etc/hostname", "/etc/resolv.conf");

  private final Path root;
  private final DpkgDatabase dpkg;
  private final Map<Integer, String> users;
  private final Map<Integer, String> groups;
  private final Map<String, String> topLevelLinks = new HashMap<>();

  TreeWrapSpec(Path root, DpkgDatabase dpkg) throws IOException {
    this.root = root;
    this.dpkg = dpkg;
    this.users = names(root.resolve("etc/passwd"));
    this.groups = names(root.resolve("etc/group"));
    try (Stream<Path> top = Files.list(root)) {
      for (Path entry : top.toList()) {
        if (Files.isSymbolicLink(entry)) {
          topLevelLinks.put(
              "/" + entry.getFileName(), "/" + Files.readSymbolicLink(entry).toString());
        }
      }
    }
  }

  private static Map<Integer, String> names(Path file) throws IOException {
    Map<Integer, String> names = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] fields = line.split(":");
      if (fields.length > 2) {
        names.put(Integer.parseInt(fields[2]), fields[0]);
      }
    }
    return names;
  }

  /**
   * @param aliases CentOS package name to the Debian package that stands for it
   * @param compatNames names to provide from demoos-compat (asked for, with no Debian equivalent)
   */
  String write(Map<String, String> aliases, Set<String> compatNames) throws IOException {
    Map<String, String> owners = owners();
    Map<String, List<String>> filesByPackage = new LinkedHashMap<>();
    List<String> directories = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        String name = "/" + root.relativize(path);
        if (name.equals("/")) {
          continue;
        }
        if (isSkipped(name) || isHostKey(name) || isSpecial(path)) {
          skipped.add(name);
          continue;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          directories.add(name);
          continue;
        }
        String owner = owners.get(name);
        String rpm =
            topLevelLinks.containsKey(name)
                ? "demoos-filesystem"
                : owner == null ? "demoos-config" : "deb-" + owner;
        if (Set.of("/etc/passwd", "/etc/group").contains(name)) {
          rpm = "demoos-passwd";
        } else if (Set.of("/etc/shadow", "/etc/gshadow").contains(name)) {
          rpm = "demoos-filesystem";
        }
        filesByPackage.computeIfAbsent(rpm, k -> new ArrayList<>()).add(name);
      }
    }
    StringBuilder spec = new StringBuilder();
    header(spec);
    subpackage(
        spec,
        "demoos-passwd",
        "Users and groups of the demo base system",
        List.of(),
        List.of(),
        null);
    subpackage(
        spec,
        "demoos-filesystem",
        "Directories and merged-/usr links of the demo base system",
        List.of("Requires(pre): demoos-passwd"),
        List.of(),
        null);
    for (DpkgDatabase.DpkgPackage p : dpkg.packages().values()) {
      List<String> tags = new ArrayList<>();
      tags.add("Requires(pre): demoos-filesystem");
      for (String dependency : dependencies(p)) {
        tags.add("Requires: deb-" + dependency);
      }
      List<String> provides = new ArrayList<>();
      provides.add(p.name());
      provides.addAll(p.provides());
      aliases.forEach(
          (centos, debian) -> {
            if (debian.equals(p.name())) {
              provides.add(centos);
            }
          });
      if (p.name().equals("dash")) {
        provides.add("/bin/sh");
      }
      subpackage(
          spec,
          "deb-" + p.name(),
          "Debian package " + p.name() + " " + p.version(),
          tags,
          provides,
          p.version());
    }
    subpackage(
        spec,
        "demoos-config",
        "Files generated while configuring the demo base system",
        List.of("Requires(pre): demoos-filesystem"),
        List.of(),
        null);
    subpackage(
        spec,
        "demoos-compat",
        "Names the demo kickstart asks for that Debian has no equivalent of (no files)",
        List.of(),
        new ArrayList<>(new TreeSet<>(compatNames)),
        null);
    spec.append("\n%install\ncp -al '").append(root).append("/.' %{buildroot}/\n");
    for (String name : skipped) {
      spec.append("rm -rf '%{buildroot}")
          .append(name.replace("'", "'\\''").replace("%", "%%"))
          .append("'\n");
    }
    files(
        spec, "demoos-passwd", filesByPackage.getOrDefault("demoos-passwd", List.of()), List.of());
    files(
        spec,
        "demoos-filesystem",
        filesByPackage.getOrDefault("demoos-filesystem", List.of()),
        directories);
    for (DpkgDatabase.DpkgPackage p : dpkg.packages().values()) {
      files(
          spec,
          "deb-" + p.name(),
          filesByPackage.getOrDefault("deb-" + p.name(), List.of()),
          List.of());
    }
    files(
        spec, "demoos-config", filesByPackage.getOrDefault("demoos-config", List.of()), List.of());
    spec.append("\n%files -n demoos-compat\n");
    return spec.toString();
  }

  private static void header(StringBuilder spec) {
    spec.append(
        """
        %global debug_package %{nil}
        %global __os_install_post %{nil}
        %global _build_id_links none
        %global _binary_payload w1.zstdio
        Name: demoos
        Version: VERSION
        Release: 1
        Summary: A Debian base system wrapped as RPMs for the cloud-images demo mirror
        License: Distributable (see /usr/share/doc in each package)
        AutoReqProv: no

        %description
        Stands in for the distribution's packages on the demo mirror, so that a kickstart
        really installs an operating system with dnf, offline.
        """
            .replace("VERSION", VERSION));
  }

  private static void subpackage(
      StringBuilder spec,
      String name,
      String summary,
      List<String> tags,
      List<String> provides,
      String debianVersion) {
    spec.append("\n%package -n ").append(name).append('\n');
    spec.append("Summary: ").append(summary.replace("%", "%%")).append('\n');
    if (debianVersion != null) {
      spec.append("Version: ").append(rpmVersion(debianVersion)).append('\n');
    }
    spec.append("AutoReqProv: no\n");
    for (String tag : tags) {
      spec.append(tag).append('\n');
    }
    for (String provide : provides) {
      spec.append("Provides: ").append(provide).append('\n');
    }
    spec.append("%description -n ")
        .append(name)
        .append('\n')
        .append(summary.replace("%", "%%"))
        .append(".\n");
  }

  /** "1:2.36-9+deb12u4" becomes "2.36_9+deb12u4": rpm versions have no epoch or dash. */
  static String rpmVersion(String debian) {
    String version = debian.contains(":") ? debian.substring(debian.indexOf(':') + 1) : debian;
    return version.replaceAll("[^A-Za-z0-9.+~^_]", "_");
  }

  private void files(StringBuilder spec, String rpm, List<String> files, List<String> directories)
      throws IOException {
    spec.append("\n%files -n ").append(rpm).append('\n');
    for (String directory : directories) {
      spec.append("%dir ")
          .append(attr(directory))
          .append(' ')
          .append(quoted(directory))
          .append('\n');
    }
    for (String file : files) {
      spec.append(attr(file)).append(' ').append(quoted(file)).append('\n');
    }
  }

  private String attr(String name) throws IOException {
    Path path = root.resolve(name.substring(1));
    int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int gid = (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    String user = users.getOrDefault(uid, "root");
    String group = groups.getOrDefault(gid, "root");
    if (Files.isSymbolicLink(path)) {
      return "%attr(-," + user + "," + group + ")";
    }
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    return String.format("%%attr(%04o,%s,%s)", mode, user, group);
  }

  /**
   * rpm reads backslashes in %files as escapes: such names are matched with a one-character glob.
   */
  private static String quoted(String name) {
    return "\"" + name.replace("%", "%%").replace('\\', '?') + "\"";
  }

  /** Each path a dpkg package lists, seen through the merged-/usr links, mapped to its package. */
  private Map<String, String> owners() {
    Map<String, String> owners = new HashMap<>();
    for (DpkgDatabase.DpkgPackage p : dpkg.packages().values()) {
      for (String path : p.paths()) {
        owners.putIfAbsent(canonical(path), p.name());
      }
    }
    return owners;
  }

  String canonical(String path) {
    int slash = path.indexOf('/', 1);
    String first = slash < 0 ? path : path.substring(0, slash);
    String target = topLevelLinks.get(first);
    if (target == null || slash < 0) {
      return path;
    }
    return target + path.substring(slash);
  }

  private List<String> dependencies(DpkgDatabase.DpkgPackage p) {
    Set<String> result = new TreeSet<>();
    for (List<String> alternatives : p.depends()) {
      alternatives.stream()
          .map(dpkg::resolve)
          .flatMap(java.util.Optional::stream)
          .findFirst()
          .filter(d -> !d.equals(p.name()))
          .ifPresent(result::add);
    }
    return new ArrayList<>(result);
  }

  private static boolean isSkipped(String name) {
    return SKIPPED_FILES.contains(name) || SKIPPED_PREFIXES.stream().anyMatch(name::startsWith);
  }

  /** Host keys are made per instance (cloud-init or the deployer), never shipped in an image. */
  private static boolean isHostKey(String name) {
    return name.startsWith("/etc/ssh/ssh_host_");
  }

  private static boolean isSpecial(Path path) {
    return !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
        && !Files.isSymbolicLink(path);
  }
}
