package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anaconda in a libvirt VM, as the CentOS Cloud SIG built its images: {@code qemu-img create}, then
 * {@code virt-install --location TREE --initrd-inject KS --extra-args "inst.ks=file:/KS
 * console=ttyS0" --noreboot --graphics none}, with the serial console written to a file and copied
 * into the build log, an inactivity watchdog and an overall timeout. The domain is always destroyed
 * and undefined ({@code --remove-all-storage} when the install failed) and the disk is removed with
 * the work directory, whatever happened.
 *
 * <p>Backend options: {@code location} (required: the installation tree URL), {@code connect}
 * (libvirt URI, default qemu:///system), {@code memory} (MiB, default 2048), {@code vcpus} (default
 * 2), {@code network} (default "default"), {@code os-variant} (default "detect=on,require=off").
 */
@SuppressWarnings("try") // stages are timed by try-with-resources blocks
public final class VirtInstallBuilder extends AbstractImageBuilder {
  private static final String HINT =
      "apt-get install virtinst libvirt-clients (or dnf install virt-install)";

  @Override
  public String name() {
    return "virt-install";
  }

  @Override
  protected void preflight(Session s) throws BuildException {
    if (!s.request().backendOptions().containsKey("location")) {
      throw new BuildEnvironmentException(
          "virt-install needs the installation tree: give --location URL");
    }
    if (s.request().formats().contains(ImageFormat.TAR_XZ)) {
      throw new BuildEnvironmentException(
          "virt-install makes disks only; build tar.xz with installroot or livemedia-creator --make-tar");
    }
    Executables.require(s.tools().environment(), HINT, "virt-install", "virsh", "qemu-img");
  }

  @Override
  protected List<RepositoryRevision> repositoryRevisions(Session s) throws BuildException {
    RepositorySources sources =
        new RepositorySources(s.request().mirrorMap(), s.request().identity());
    String location = sources.resolve(s.request().backendOptions().get("location"));
    List<RepositoryRevision> revisions = new ArrayList<>();
    revisions.add(
        RepositoryRevision.of(new Repository("location", location, List.of(), List.of())));
    for (Repository r : sources.from(s.request().kickstart())) {
      revisions.add(RepositoryRevision.of(r));
    }
    return revisions;
  }

  /** The virt-install command line for a domain, disk, kickstart and console file. */
  static List<String> command(
      BuildRequest request,
      String domain,
      Path disk,
      Path kickstart,
      Path console,
      String location) {
    Map<String, String> o = request.backendOptions();
    String ksArgument = request.identity().majorRelease() >= 7 ? "inst.ks" : "ks";
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of("virt-install", "--connect", o.getOrDefault("connect", "qemu:///system")));
    command.addAll(List.of("--name", domain));
    command.addAll(
        List.of(
            "--memory", o.getOrDefault("memory", "2048"), "--vcpus", o.getOrDefault("vcpus", "2")));
    command.addAll(List.of("--disk", "path=" + disk + ",format=raw,bus=virtio,cache=unsafe"));
    command.addAll(List.of("--location", location));
    command.addAll(List.of("--initrd-inject", kickstart.toString()));
    command.addAll(
        List.of(
            "--extra-args",
            ksArgument
                + "=file:/"
                + kickstart.getFileName()
                + " console=ttyS0 inst.text inst.cmdline"));
    command.addAll(List.of("--os-variant", o.getOrDefault("os-variant", "detect=on,require=off")));
    command.addAll(List.of("--network", o.getOrDefault("network", "default")));
    command.addAll(List.of("--graphics", "none", "--serial", "file,path=" + console));
    command.addAll(List.of("--noautoconsole", "--wait", "-1", "--noreboot"));
    return command;
  }

  @Override
  protected Produced produce(Session s) throws BuildException, IOException {
    BuildRequest request = s.request();
    RepositorySources sources = new RepositorySources(request.mirrorMap(), request.identity());
    Path kickstart =
        InstallerKickstart.write(request.kickstart(), sources, s.work().resolve("ks.cfg"));
    Path disk = s.work().resolve("disk.raw");
    Path console = s.work().resolve("console.log");
    String domain = "cloudimg-" + s.work().id();
    long size =
        InstallerKickstart.diskSizeMiB(
            request.kickstart(), MetadataFields.diskSizeMiB(request.metadata()));
    s.tools().run(List.of("qemu-img", "create", "-f", "raw", disk.toString(), size + "M"));
    String connect = request.backendOptions().getOrDefault("connect", "qemu:///system");
    VmCleanup cleanup = new VmCleanup(s.tools(), connect, domain);
    WatchedProcess.Outcome outcome;
    try (BuildLog.Stage stage = s.log().stage("virt-install " + domain)) {
      Thread hook = new Thread(cleanup::removeAfterFailure, "cleanup of " + domain);
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        List<String> command =
            command(
                request,
                domain,
                disk,
                kickstart,
                console,
                sources.rewriteForInstaller(request.backendOptions().get("location")));
        outcome = WatchedProcess.run(s, command, console);
      } finally {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
      if (!outcome.succeeded()) {
        cleanup.removeAfterFailure();
        throw new BuildException(
            outcome.describe("virt-install", "no console output")
                + "; the domain "
                + domain
                + " and its disk were removed (console log in the build log)");
      }
      cleanup.removeAfterSuccess();
    } catch (BuildException | RuntimeException e) {
      cleanup.removeAfterFailure();
      throw e;
    }
    return new Produced(
        Optional.of(disk),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        info -> {
          var d = info.node().putObject("disk");
          d.put("layout", "anaconda (kickstart part/bootloader lines)");
          d.put("sizeMiB", size);
          d.put("domain", domain);
        });
  }

  @Override
  protected Map<String, String> toolVersions() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("virt-install", ToolRunner.version("virt-install", "--version"));
    versions.put("virsh", ToolRunner.version("virsh", "--version"));
    versions.put("qemu-img", ToolRunner.version("qemu-img", "--version"));
    return versions;
  }

  /** Removes the domain once; safe to call from several exit paths. */
  static final class VmCleanup {
    private final ToolRunner tools;
    private final String connect;
    private final String domain;
    private boolean done;

    VmCleanup(ToolRunner tools, String connect, String domain) {
      this.tools = tools;
      this.connect = connect;
      this.domain = domain;
    }

    synchronized void removeAfterFailure() {
      remove(true);
    }

    synchronized void removeAfterSuccess() {
      remove(false);
    }

    private void remove(boolean withStorage) {
      if (done) {
        return;
      }
      done = true;
      try {
        tools.attempt(List.of("virsh", "--connect", connect, "destroy", domain));
        List<String> undefine =
            new ArrayList<>(List.of("virsh", "--connect", connect, "undefine", domain, "--nvram"));
        if (withStorage) {
          undefine.add("--remove-all-storage");
        }
        ProcessRunner.Result result = tools.attempt(undefine);
        if (!result.succeeded()) {
          undefine.remove("--nvram");
          tools.attempt(undefine);
        }
      } catch (BuildException e) {
        // virsh missing: nothing was defined either
      }
    }
  }
}
