package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * lorax's livemedia-creator: {@code --make-disk} (a partitioned disk) or, when only tar.xz is asked
 * for, {@code --make-tar}; anaconda runs either directly on the build host ({@code --no-virt}, the
 * default) or in a VM booted from an ISO ({@code --iso}). Its log file is copied into the build log
 * as it grows; the same inactivity watchdog and timeout as virt-install apply, and the result
 * directory goes with the work directory on every exit path.
 *
 * <p>Backend options: {@code iso} (boot this ISO in a VM instead of --no-virt), {@code memory}
 * (MiB, VM mode), {@code vcpus} (VM mode), {@code project} (default CentOS).
 */
@SuppressWarnings("try") // stages are timed by try-with-resources blocks
public final class LivemediaCreatorBuilder extends AbstractImageBuilder {
  private static final String HINT =
      "dnf install lorax anaconda (livemedia-creator runs on EL or Fedora build hosts)";

  @Override
  public String name() {
    return "livemedia-creator";
  }

  private static boolean makesTar(BuildRequest request) {
    return request.formats().equals(Set.of(ImageFormat.TAR_XZ));
  }

  @Override
  protected void preflight(Session s) throws BuildException {
    if (s.request().formats().contains(ImageFormat.TAR_XZ) && !makesTar(s.request())) {
      throw new BuildEnvironmentException(
          "livemedia-creator makes either a disk (--make-disk) or a tarball (--make-tar) per run: ask for tar.xz alone, or only disk formats");
    }
    Executables.require(s.tools().environment(), HINT, "livemedia-creator", "qemu-img");
  }

  @Override
  protected List<RepositoryRevision> repositoryRevisions(Session s) throws BuildException {
    List<RepositoryRevision> revisions = new ArrayList<>();
    for (Repository r :
        new RepositorySources(s.request().mirrorMap(), s.request().identity())
            .from(s.request().kickstart())) {
      revisions.add(RepositoryRevision.of(r));
    }
    return revisions;
  }

  /** The livemedia-creator command line. */
  static List<String> command(
      BuildRequest request,
      Path kickstart,
      Path resultDir,
      Path logFile,
      Path tmp,
      String imageName) {
    Map<String, String> o = request.backendOptions();
    List<String> command =
        new ArrayList<>(
            List.of("livemedia-creator", makesTar(request) ? "--make-tar" : "--make-disk"));
    if (o.containsKey("iso")) {
      command.addAll(
          List.of(
              "--iso",
              o.get("iso"),
              "--ram",
              o.getOrDefault("memory", "2048"),
              "--vcpus",
              o.getOrDefault("vcpus", "2")));
    } else {
      command.add("--no-virt");
    }
    command.addAll(List.of("--ks", kickstart.toString()));
    command.addAll(List.of("--resultdir", resultDir.toString(), "--image-name", imageName));
    command.addAll(List.of("--logfile", logFile.toString(), "--tmp", tmp.toString()));
    command.addAll(
        List.of(
            "--project",
            o.getOrDefault("project", "CentOS"),
            "--releasever",
            request.identity().release()));
    if (makesTar(request)) {
      command.addAll(List.of("--compression", "xz", "--compress-arg=-T0"));
    }
    return command;
  }

  @Override
  protected Produced produce(Session s) throws BuildException, IOException {
    BuildRequest request = s.request();
    RepositorySources sources = new RepositorySources(request.mirrorMap(), request.identity());
    Path kickstart =
        InstallerKickstart.write(request.kickstart(), sources, s.work().resolve("ks.cfg"));
    // livemedia-creator refuses an existing result directory: give it a fresh one
    Path resultDir = s.work().resolve("result");
    Path tmp = Files.createDirectories(s.work().resolve("tmp"));
    Path logFile = s.work().resolve("livemedia.log");
    String imageName = makesTar(request) ? "root.tar.xz" : "disk.raw";
    List<String> command = command(request, kickstart, resultDir, logFile, tmp, imageName);
    WatchedProcess.Outcome outcome;
    try (BuildLog.Stage stage = s.log().stage("livemedia-creator")) {
      outcome = WatchedProcess.run(s, command, logFile);
    }
    Path result = resultDir.resolve(imageName);
    if (!outcome.succeeded()) {
      throw new BuildException(outcome.describe("livemedia-creator", "its log stopped growing"));
    }
    if (!Files.isRegularFile(result)) {
      throw new BuildException("livemedia-creator succeeded but left no " + result);
    }
    return new Produced(
        makesTar(request) ? Optional.empty() : Optional.of(result),
        Optional.empty(),
        makesTar(request) ? Optional.of(result) : Optional.empty(),
        Optional.empty(),
        info ->
            info.node()
                .putObject("disk")
                .put(
                    "layout",
                    makesTar(request)
                        ? "root file system tarball"
                        : "anaconda (kickstart part/bootloader lines)"));
  }

  @Override
  protected Map<String, String> toolVersions() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("livemedia-creator", ToolRunner.version("livemedia-creator", "--version"));
    versions.put("qemu-img", ToolRunner.version("qemu-img", "--version"));
    return versions;
  }
}
