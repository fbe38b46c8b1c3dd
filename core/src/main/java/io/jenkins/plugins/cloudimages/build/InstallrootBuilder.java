package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.build.CommandOutcome.Disposition;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds without a VM: {@code dnf --installroot} of the kickstart's packages from its repositories,
 * the image commands applied to the root, {@code %post} run in it, then {@code mkfs.ext4 -d} into a
 * raw disk. Needs root for chroot and for files owned by other users.
 *
 * <p>Boot: when the image has a kernel and GRUB for BIOS, an MBR disk with GRUB installed without
 * loop devices ({@link BootSetup}); otherwise no boot loader, and the disk boots with an external
 * kernel ({@code root=LABEL=root}, as the local QEMU cloud does). build-info.json says which.
 */
@SuppressWarnings("try") // stages are timed by try-with-resources blocks
public final class InstallrootBuilder extends AbstractImageBuilder {

  @Override
  public String name() {
    return "installroot";
  }

  private static Path rootOf(Session s) {
    return s.work().resolve("root");
  }

  @Override
  protected Map<String, String> environment(WorkDirectory work) {
    return Map.of("HOME", work.resolve("home").toString(), "LC_ALL", "C.UTF-8");
  }

  @Override
  protected void preflight(Session s) throws BuildException, IOException {
    String hostArch = System.getProperty("os.arch").replace("amd64", "x86_64");
    String arch = s.request().identity().arch();
    if (!arch.equals(hostArch)) {
      throw new BuildException(
          "installroot cannot build "
              + arch
              + " on this "
              + hostArch
              + " host: package scriptlets and %post run natively; use an "
              + arch
              + " build agent");
    }
    RpmdbFormat target = RpmdbFormat.forRelease(s.request().identity().majorRelease());
    String host = RpmdbFormat.hostBackend();
    if (!target.backend().equals(host)
        && !RpmdbFormat.hostCanWrite(target.backend(), s.work().path())) {
      throw new BuildException(
          "refusing to build release "
              + s.request().identity().release()
              + " with installroot: its rpm reads a "
              + target.backend()
              + " rpm database, but this host's rpm writes "
              + host
              + " and cannot write "
              + target.backend()
              + " (checked with rpm --initdb), so the image's rpm could not read its own"
              + " database. Build it with --backend virt-install or livemedia-creator, or on an EL"
              + s.request().identity().majorRelease()
              + " build host.");
    }
  }

  @Override
  protected List<RepositoryRevision> repositoryRevisions(Session s) throws BuildException {
    List<RepositoryRevision> revisions = new ArrayList<>();
    for (Repository repository : repositories(s)) {
      RepositoryRevision revision = RepositoryRevision.of(repository);
      s.log().log(
          "repository "
              + repository.id()
              + " "
              + repository.baseUrl()
              + " revision "
              + revision.revision());
      revisions.add(revision);
    }
    return revisions;
  }

  private static List<Repository> repositories(Session s) throws BuildException {
    return new RepositorySources(s.request().mirrorMap(), s.request().identity())
        .from(s.request().kickstart());
  }

  @Override
  protected Produced produce(Session s) throws BuildException, IOException {
    BuildRequest request = s.request();
    Path root = rootOf(s);
    RootTree tree = new RootTree(root);
    int release = request.identity().majorRelease();
    RpmdbFormat rpmdb = RpmdbFormat.forRelease(release);
    PackageRequest packages = PackageRequest.from(request.kickstart());
    DnfInstall dnf = new DnfInstall(root, s.work().path(), request.identity(), rpmdb);
    dnf.prepare(packages);
    PasswordHasher passwords =
        PasswordHasher.startHashing(AccountSettings.plainPasswords(request.kickstart()));
    for (String group : packages.excludedGroups()) {
      s.log().log("not applied -@" + group + ": dnf cannot exclude a whole group at install time");
    }
    try (BuildLog.Stage stage = s.log().stage("dnf install")) {
      ProcessRunner.Result installed =
          s.tools().attempt(dnf.command(repositories(s), packages), Map.of(), dnfProgress(s.log()));
      if (!installed.succeeded()) {
        throw new BuildException(installed.describeFailure());
      }
      List<String> failures = dnf.scriptletFailures();
      if (!failures.isEmpty()) {
        throw new BuildException(
            "dnf reported success but package scriptlets failed (from var/log/dnf.rpm.log):\n  "
                + String.join("\n  ", failures));
      }
    }
    s.work().discardEarly(s.work().resolve("dnf-cache"));
    if (!rpmdb.backend().equals(RpmdbFormat.hostBackend())) {
      try (BuildLog.Stage stage = s.log().stage("rpmdb conversion to " + rpmdb.backend())) {
        s.tools()
            .run(
                List.of(
                    "rpm",
                    "--root",
                    root.toString(),
                    "--dbpath",
                    rpmdb.dbPath(),
                    "--define",
                    "_db_backend " + rpmdb.backend(),
                    "--rebuilddb"));
      }
    }
    List<CommandOutcome> outcomes;
    try (BuildLog.Stage stage = s.log().stage("kickstart commands")) {
      outcomes = new ImageConfigurator(tree, release, passwords).apply(request.kickstart());
      outcomes.forEach(o -> s.log().log(o.format()));
      long notApplied =
          outcomes.stream().filter(o -> o.disposition() == Disposition.NOT_APPLIED).count();
      s.log().log(notApplied + " command(s) not applied by installroot (listed above)");
    }
    List<String> notRun;
    try (BuildLog.Stage stage = s.log().stage("%post")) {
      notRun = new PostScripts(tree, s.work().path(), s.tools(), s.log()).run(request.kickstart());
    }
    List<InstalledPackage> installed = queryPackages(s, root, rpmdb);
    DiskImage.writeFstab(tree);
    String uuid = DiskImage.newUuid();
    BootSetup boot;
    try (BuildLog.Stage stage = s.log().stage("boot loader configuration")) {
      long size =
          DiskImage.sizeMiB(
              request.kickstart(), MetadataFields.diskSizeMiB(request.metadata()), root);
      boot =
          BootSetup.plan(
              tree, request.kickstart(), request.layout(), size, s.tools().environment(), s.log());
      boot.prepare(uuid, s.tools(), s.log(), s.work().path());
    }
    DiskImage.Made disk;
    try (BuildLog.Stage stage = s.log().stage("file system")) {
      disk = new DiskImage(s.tools()).make(root, s.work().resolve("disk.raw"), boot.table(), uuid);
    }
    if (boot.layout() == DiskLayout.GPT || boot.hasBootLoader()) {
      try (BuildLog.Stage stage = s.log().stage("boot loader")) {
        boot.install(disk, s.tools(), s.log());
      }
    }
    Optional<String> append =
        request.kickstart().command("bootloader").flatMap(b -> b.option("--append"));
    // By the program, not the package name: a package providing cloud-init counts too. Read now:
    // the root tree is deleted while the image files are finished.
    boolean cloudInit = Files.isRegularFile(root.resolve("usr/bin/cloud-init"));
    return new Produced(
        Optional.of(disk.file()),
        Optional.of(root),
        Optional.empty(),
        Optional.of(installed),
        info -> {
          var d = info.node().putObject("disk");
          d.put("layout", disk.layout().name().toLowerCase(java.util.Locale.ROOT));
          d.put("sizeMiB", disk.sizeMiB());
          d.put("filesystem", "ext4");
          d.put("label", DiskImage.LABEL);
          d.put("uuid", disk.uuid());
          d.put("kernelArguments", append.orElse(""));
          // The contract with the local cloud: how to boot the image, with or without its loader.
          boot.describe(
              info.node(),
              d,
              ("root=LABEL=" + DiskImage.LABEL + " rw net.ifnames=0 " + append.orElse("")).trim());
          info.node().put("cloudInit", cloudInit);
          var db = info.node().putObject("rpmdb");
          db.put("backend", rpmdb.backend());
          db.put("path", rpmdb.dbPath());
          info.outcomes(outcomes, notRun);
        });
  }

  /** dnf's "Installing : name 3/146" lines as progress of the install step. */
  private static java.util.function.Consumer<String> dnfProgress(BuildLog log) {
    java.util.regex.Pattern step =
        java.util.regex.Pattern.compile("^\\s*Installing\\s*:.*\\s(\\d+)/(\\d+)\\s*$");
    return line -> {
      java.util.regex.Matcher m = step.matcher(line);
      if (m.matches()) {
        log.progress(
            "dnf install", 100 * Integer.parseInt(m.group(1)) / Integer.parseInt(m.group(2)));
      }
    };
  }

  private static List<InstalledPackage> queryPackages(Session s, Path root, RpmdbFormat rpmdb)
      throws BuildException {
    ProcessRunner.Result result =
        s.tools()
            .capture(
                List.of(
                    "rpm",
                    "-qa",
                    "--root",
                    root.toString(),
                    "--dbpath",
                    rpmdb.dbPath(),
                    "--qf",
                    InstalledPackage.QUERY_FORMAT));
    if (!result.succeeded()) {
      throw new BuildException("cannot list the image's packages: " + result.describeFailure());
    }
    List<InstalledPackage> packages = InstalledPackage.parse(result.output());
    s.log().log(packages.size() + " packages installed");
    return packages;
  }

  @Override
  protected Map<String, String> toolVersions() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("dnf", ToolRunner.version("dnf", "--version"));
    versions.put("rpm", ToolRunner.version("rpm", "--version"));
    versions.put("mkfs.ext4", ToolRunner.version("mkfs.ext4", "-V"));
    versions.put("qemu-img", ToolRunner.version("qemu-img", "--version"));
    versions.put("sfdisk", ToolRunner.version("sfdisk", "--version"));
    versions.put("java", System.getProperty("java.version"));
    return versions;
  }
}
