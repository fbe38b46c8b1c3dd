package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dnf --installroot} of a kickstart's packages, isolated from the host's configuration: no
 * host repo files, fresh metadata, a private cache, the rpmdb where the target expects it (through
 * {@code HOME/.rpmmacros}, because Debian's rpm otherwise puts it under ~/.rpmdb). dnf exits 0 even
 * when a scriptlet failed, so the rpm log in the root is checked afterwards.
 */
final class DnfInstall {
  private final Path root;
  private final Path work;
  private final ImageIdentity identity;
  private final RpmdbFormat rpmdb;

  DnfInstall(Path root, Path work, ImageIdentity identity, RpmdbFormat rpmdb) {
    this.root = root;
    this.work = work;
    this.identity = identity;
    this.rpmdb = rpmdb;
  }

  /** The HOME the build's dnf and rpm run with; holds .rpmmacros. */
  Path home() {
    return work.resolve("home");
  }

  void prepare(PackageRequest packages) throws IOException {
    Files.createDirectories(home());
    Files.createDirectories(work.resolve("empty-reposdir"));
    Files.createDirectories(root);
    StringBuilder macros = new StringBuilder("%_dbpath " + rpmdb.dbPath() + "\n");
    packages
        .installLangs()
        .ifPresent(l -> macros.append("%_install_langs ").append(l).append('\n'));
    Files.writeString(home().resolve(".rpmmacros"), macros);
  }

  List<String> command(List<Repository> repositories, PackageRequest packages) {
    List<String> command = new ArrayList<>();
    command.add("dnf");
    command.add("-y");
    command.add("--refresh");
    command.add("--installroot=" + root);
    command.add("--releasever=" + identity.release());
    command.add("--setopt=reposdir=" + work.resolve("empty-reposdir"));
    command.add("--setopt=cachedir=" + work.resolve("dnf-cache"));
    command.add("--setopt=metadata_expire=0");
    command.add("--setopt=keepcache=False");
    command.add("--setopt=install_weak_deps=" + (packages.excludeWeakDeps() ? "False" : "True"));
    command.add("--setopt=group_package_types=" + packages.groupPackageTypes());
    if (packages.ignoreMissing()) {
      command.add("--setopt=strict=False");
    }
    if (packages.multilib()) {
      command.add("--setopt=multilib_policy=all");
    }
    if (packages.excludeDocs()) {
      command.add("--nodocs");
    }
    for (Repository repository : repositories) {
      command.add("--repofrompath=" + repository.id() + "," + repository.baseUrl());
      command.add("--setopt=" + repository.id() + ".gpgcheck=0");
      if (!repository.excludes().isEmpty()) {
        command.add(
            "--setopt="
                + repository.id()
                + ".excludepkgs="
                + String.join(",", repository.excludes()));
      }
      if (!repository.includes().isEmpty()) {
        command.add(
            "--setopt="
                + repository.id()
                + ".includepkgs="
                + String.join(",", repository.includes()));
      }
    }
    for (String excluded : packages.excludedPackages()) {
      command.add("--exclude=" + excluded);
    }
    command.add("install");
    for (String group : packages.implicitGroups(identity.majorRelease())) {
      command.add("@" + group);
    }
    for (String group : packages.groups()) {
      command.add("@" + group);
    }
    command.addAll(packages.packages());
    return command;
  }

  /** Scriptlet failures dnf did not report through its exit code. */
  List<String> scriptletFailures() throws IOException {
    Path rpmLog = root.resolve("var/log/dnf.rpm.log");
    if (!Files.isRegularFile(rpmLog)) {
      return List.of();
    }
    return Files.readAllLines(rpmLog).stream()
        .filter(
            l ->
                l.contains("scriptlet failed")
                    || l.contains("failed to exec scriptlet")
                    || l.contains(" ERROR "))
        .toList();
  }
}
