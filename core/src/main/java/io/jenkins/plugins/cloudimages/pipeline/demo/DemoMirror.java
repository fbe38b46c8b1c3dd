package io.jenkins.plugins.cloudimages.pipeline.demo;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The package mirror of the demo: it stands in for mirror.centos.org and EPEL, which cannot be
 * reached here. A Debian base system made with debootstrap is wrapped into RPMs (see {@link
 * TreeWrapSpec}) and published as a dnf repository with a comps file whose groups are the ones the
 * demo kickstart asks for. Everything is cached under the cache folder, keyed by its inputs, so a
 * second demo run reuses it.
 */
public final class DemoMirror {
  /** The Debian packages of the demo guest: a cloud image with cloud-init and sshd. */
  public static final List<String> DEBIAN_PACKAGES =
      List.of(
          "openssh-server",
          "systemd-sysv",
          "udev",
          "iproute2",
          "dbus",
          "procps",
          "ca-certificates",
          "cloud-init",
          "python3-cffi-backend",
          "rpm",
          "sudo",
          "less",
          "kmod");

  private static final String GENERATOR_REVISION = "3";

  private final Path cache;
  private final String debianMirror;
  private final Consumer<String> log;

  /**
   * @param cache folder kept between runs
   * @param debianMirror where debootstrap downloads from the first time (e.g. the one in apt's
   *     sources)
   */
  public DemoMirror(Path cache, String debianMirror, Consumer<String> log) {
    this.cache = cache;
    this.debianMirror = debianMirror;
    this.log = log;
  }

  /**
   * CentOS package names whose Debian counterpart has another name. A name asked for that is
   * neither a Debian package, nor here, nor the kernel is provided by an empty compat package.
   */
  static final Map<String, String> CENTOS_TO_DEBIAN =
      Map.of(
          "openssh-clients", "openssh-client",
          "procps-ng", "procps",
          "iproute", "iproute2",
          "shadow-utils", "passwd",
          "systemd-udev", "udev",
          "dbus-daemon", "dbus",
          "vim-minimal", "vim-tiny",
          "cloud-utils-growpart", "cloud-guest-utils");

  /**
   * Builds (or reuses) the repository.
   *
   * @param packages the package names the kickstart asks for
   * @param groups comps group ids the kickstart asks for; each holds the whole base system
   * @return the repository folder (with repodata/)
   */
  public Path build(Set<String> packages, Set<String> groups) throws IOException {
    Path tarball = debootstrapTarball();
    KernelModulesPackage kernel = KernelModulesPackage.ofHost();
    Optional<String> kernelVersion = kernel.version();
    String key =
        digest(
            GENERATOR_REVISION
                + "\n"
                + stamp(tarball)
                + "\n"
                + kernelVersion.orElse("no kernel")
                + "\n"
                + new TreeSet<>(packages)
                + "\n"
                + new TreeSet<>(groups));
    Path repo = cache.resolve("repo-" + key.substring(0, 16));
    if (Files.isDirectory(repo.resolve("repodata"))) {
      log.accept("demo mirror: reusing " + repo);
      return repo;
    }
    Path work = Files.createDirectories(cache.resolve("work-" + key.substring(0, 16)));
    Path tree = unpackedTree(tarball);
    CloudBase.configure(tree);
    DpkgDatabase dpkg = DpkgDatabase.read(tree);
    Map<String, String> aliases = new TreeMap<>();
    Set<String> compat = new TreeSet<>();
    for (String name : packages) {
      String debian = CENTOS_TO_DEBIAN.get(name);
      if (dpkg.packages().containsKey(name)
          || (kernelVersion.isPresent() && KernelModulesPackage.PROVIDES.contains(name))) {
        continue;
      } else if (debian != null && dpkg.packages().containsKey(debian)) {
        aliases.put(name, debian);
      } else {
        compat.add(name);
      }
    }
    log.accept("demo mirror: writing one RPM per Debian package");
    log.accept(
        "demo mirror: " + aliases + " stand in for CentOS names; empty packages for " + compat);
    String spec = new TreeWrapSpec(tree, dpkg).write(aliases, compat);
    Path specFile = work.resolve("demoos.spec");
    Files.writeString(specFile, spec, StandardCharsets.UTF_8);
    Path staging = work.resolve("repo");
    RpmBuild.binaries(specFile, staging, Duration.ofMinutes(30));
    if (kernelVersion.isPresent()) {
      log.accept("demo mirror: wrapping the modules of kernel " + kernelVersion.get());
      kernel.build(kernelVersion.get(), Files.createDirectories(work.resolve("kernel")), staging);
    } else {
      log.accept("demo mirror: no kernel in /boot with modules; guests get no kernel modules");
    }
    Path comps = work.resolve("comps.xml");
    Files.writeString(comps, Comps.write(groups, packageNames(staging)), StandardCharsets.UTF_8);
    check(
        runner(Duration.ofMinutes(10))
            .run("createrepo_c", "-q", "-g", comps.toString(), staging.toString()));
    Files.move(staging, repo);
    check(new ProcessRunner().run("rm", "-rf", work.toString()));
    log.accept("demo mirror: ready at " + repo);
    return repo;
  }

  private static List<String> packageNames(Path repo) throws IOException {
    try (var files = Files.list(repo)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".rpm"))
          .filter(n -> !n.startsWith("demoos-compat") && !n.startsWith(KernelModulesPackage.NAME))
          .map(n -> n.substring(0, n.lastIndexOf('-', n.lastIndexOf('-') - 1)))
          .sorted()
          .toList();
    }
  }

  /** The configured Debian tree, unpacked from the tarball once and kept for later rebuilds. */
  private Path unpackedTree(Path tarball) throws IOException {
    Path tree = cache.resolve(tarball.getFileName().toString().replace(".tgz", ".tree"));
    Path complete = cache.resolve(tree.getFileName() + ".complete");
    if (Files.exists(complete)) {
      return tree;
    }
    check(new ProcessRunner().run("rm", "-rf", tree.toString()));
    log.accept("demo mirror: unpacking the Debian base system (one to three minutes)");
    check(
        runner(Duration.ofMinutes(20))
            .run(debootstrap("--unpack-tarball=" + tarball, tree.toString())));
    Files.writeString(complete, "");
    return tree;
  }

  /** The debootstrap download, made once (the only step that needs the network). */
  Path debootstrapTarball() throws IOException {
    String key = digest(String.join(",", DEBIAN_PACKAGES)).substring(0, 16);
    Path tarball = cache.resolve("debootstrap-bookworm-" + key + ".tgz");
    if (Files.isRegularFile(tarball)) {
      return tarball;
    }
    Files.createDirectories(cache);
    Path scratch = Files.createTempDirectory(cache, "debootstrap-");
    Path partial = cache.resolve(tarball.getFileName() + ".partial");
    log.accept("demo mirror: downloading the Debian base packages once from " + debianMirror);
    check(
        runner(Duration.ofMinutes(30))
            .run(debootstrap("--make-tarball=" + partial, scratch.resolve("tree").toString())));
    Files.move(partial, tarball, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    new ProcessRunner().run("rm", "-rf", scratch.toString());
    return tarball;
  }

  private List<String> debootstrap(String mode, String target) {
    return List.of(
        "debootstrap",
        "--variant=minbase",
        "--include=" + String.join(",", DEBIAN_PACKAGES),
        mode,
        "bookworm",
        target,
        debianMirror);
  }

  private ProcessRunner runner(Duration timeout) {
    return new ProcessRunner().timeout(timeout);
  }

  private static void check(ProcessRunner.Result result) throws IOException {
    if (!result.succeeded()) {
      throw new IOException(result.describeFailure());
    }
  }

  static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Name, size and time of the tarball: it is written once, so this identifies it unread. */
  private static String stamp(Path file) throws IOException {
    return file.getFileName()
        + ":"
        + Files.size(file)
        + ":"
        + Files.getLastModifiedTime(file).toMillis();
  }
}
