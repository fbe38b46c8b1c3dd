package io.jenkins.plugins.cloudimages.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.support.BackgroundTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The steps every backend shares: a private work directory and build log, the input digest and
 * reuse check, the image name, then (after the backend made a raw disk) the image formats, package
 * manifest, SBOM, checksums, signature and build-info.json. Whatever fails, the work directory goes
 * and no file of the failed build stays in the output folder.
 */
@SuppressWarnings("try") // stages are timed by try-with-resources blocks
abstract class AbstractImageBuilder implements ImageBuilder {

  /**
   * What a backend made. {@code details} must not read the root tree: it is deleted while the image
   * files are finished.
   */
  record Produced(
      Optional<Path> rawDisk,
      Optional<Path> rootTree,
      Optional<Path> rootTarball,
      Optional<List<InstalledPackage>> packages,
      Consumer<BuildInfo> details) {}

  /** The state of one running build, handed to the backend. */
  record Session(BuildRequest request, WorkDirectory work, BuildLog log, ToolRunner tools) {}

  /** Refuses a request this backend cannot build, before anything is installed. */
  protected abstract void preflight(Session session) throws BuildException, IOException;

  /** The repositories whose metadata revisions go into the input digest. */
  protected abstract List<RepositoryRevision> repositoryRevisions(Session session)
      throws BuildException;

  /** Makes the raw disk in the work directory. */
  protected abstract Produced produce(Session session) throws BuildException, IOException;

  /** Environment variables every tool of this backend runs with. */
  protected Map<String, String> environment(WorkDirectory work) {
    return Map.of();
  }

  /** Versions of the tools this backend runs, for build-info.json. */
  protected abstract Map<String, String> toolVersions();

  @Override
  public final BuildResult build(BuildRequest request, BuildListener listener)
      throws BuildException {
    long started = System.nanoTime();
    List<Path> written = new ArrayList<>();
    boolean done = false;
    try (WorkDirectory work =
            WorkDirectory.create(request.workRoot(), name(), request.keepWorkDirectory());
        BuildLog log = new BuildLog(listener, work.resolve("build.log"))) {
      Map<String, String> environment = new java.util.HashMap<>(environment(work));
      environment.put("PATH", Executables.searchPath(request));
      Session session =
          new Session(request, work, log, new ToolRunner(log, environment, request.timeout()));
      log.log("build of " + request.kickstart().file() + " with " + name() + " in " + work.path());
      preflight(session);
      List<RepositoryRevision> revisions;
      try (BuildLog.Stage stage = log.stage("repository metadata")) {
        revisions = repositoryRevisions(session);
      }
      InputDigest digest =
          InputDigest.of(
              request.kickstart(), request.metadata(), revisions, name(), request.layout());
      BuildIndex index = new BuildIndex(request.outputDirectory(), request.publishedIndexes());
      Optional<Path> reusable = index.reusable(digest.value(), request.formats());
      if (reusable.isPresent()) {
        done = true;
        return reuse(reusable.get(), digest, log);
      }
      Files.createDirectories(request.outputDirectory());
      String name = reserveName(request, index);
      written.add(reservation(request, name));
      log.log("image " + name + " (input digest " + digest.value() + ")");
      BackgroundTask<BuildProvenance, RuntimeException> provenance =
          BackgroundTask.start(
              "build provenance",
              () -> BuildProvenance.of(request.kickstart().file(), toolVersions()));
      Produced produced = produce(session);
      BuildResult result =
          finish(session, name, digest, revisions, produced, provenance, written, started);
      Files.deleteIfExists(reservation(request, name));
      done = true;
      return result;
    } catch (IOException e) {
      throw new BuildException("I/O error during the build: " + e.getMessage(), e);
    } finally {
      if (!done) {
        removeQuietly(written);
        try {
          new Checksums(request.outputDirectory()).remove(written);
        } catch (IOException ignored) {
          // best effort: the build already failed with its own message
        }
      }
    }
  }

  private BuildResult finish(
      Session s,
      String name,
      InputDigest digest,
      List<RepositoryRevision> revisions,
      Produced produced,
      BackgroundTask<BuildProvenance, RuntimeException> provenance,
      List<Path> written,
      long started)
      throws BuildException, IOException {
    BuildRequest request = s.request();
    Path out = request.outputDirectory();
    List<Path> images;
    ImageOutputs outputs = new ImageOutputs(s.tools(), s.log(), out, name);
    try (BuildLog.Stage stage = s.log().stage("image files")) {
      images = outputs.write(produced, request);
      written.addAll(images);
    }
    produced.rootTree().ifPresent(s.work()::discardEarly);
    List<Path> others = new ArrayList<>();
    if (produced.packages().isPresent()) {
      List<InstalledPackage> packages = produced.packages().get();
      Path manifest = out.resolve(name + ".manifest.txt");
      Files.write(manifest, packages.stream().map(InstalledPackage::nevra).toList());
      written.add(manifest);
      Path sbom = out.resolve(name + ".spdx.json");
      new ObjectMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValue(sbom.toFile(), SpdxDocument.of(name, packages, java.time.Instant.now()));
      written.add(sbom);
      others.add(manifest);
      others.add(sbom);
    } else {
      s.log().log(
          "no package manifest or SBOM: the "
              + name()
              + " backend cannot read the image's rpm database without mounting it");
    }
    List<Path> imageFiles = List.copyOf(outputs.digests().keySet());
    images.stream().filter(p -> !imageFiles.contains(p)).forEach(others::add);
    Checksums checksums = new Checksums(out);
    Map<String, String> digests;
    try (BuildLog.Stage stage = s.log().stage("checksums")) {
      digests = new LinkedHashMap<>(checksums.record(outputs.digests()));
    }
    BuildInfo info =
        new BuildInfo(name, name(), request.identity(), digest, request, provenance.join());
    info.repositories(revisions);
    produced.details().accept(info);
    info.images(imageFiles, digests);
    info.timings(
        s.log().stages(), s.tools().times(), Duration.ofNanos(System.nanoTime() - started));
    Path buildInfo = out.resolve(name + BuildIndex.BUILD_INFO_SUFFIX);
    info.write(buildInfo);
    written.add(buildInfo);
    others.add(buildInfo);
    checksums.add(others);
    others.add(out.resolve(Checksums.FILE));
    checksums.sign(request.signingKey(), s.tools()).ifPresent(others::add);
    s.log().log(String.format("built %s in %.1f s", name, (System.nanoTime() - started) / 1e9));
    Path logCopy = out.resolve(name + ".build.log");
    Files.copy(s.log().path(), logCopy, StandardCopyOption.REPLACE_EXISTING);
    others.add(logCopy);
    return new BuildResult(name, false, digest.value(), imageFiles, others, Optional.of(buildInfo));
  }

  /**
   * The next free build number of the day, reserved with a marker file created atomically, so two
   * builds running at once in the same output folder never get the same name.
   */
  static String reserveName(BuildRequest request, BuildIndex index) throws IOException {
    LocalDate day = LocalDate.now(ZoneOffset.UTC);
    for (int number = index.nextNumber(request.identity(), day); ; number++) {
      String name = request.identity().versionedName(day, number);
      try {
        Files.createFile(reservation(request, name));
        return name;
      } catch (java.nio.file.FileAlreadyExistsException taken) {
        // another build took this number a moment ago
      }
    }
  }

  private static Path reservation(BuildRequest request, String name) {
    return request.outputDirectory().resolve("." + name + ".reserved");
  }

  private BuildResult reuse(Path buildInfo, InputDigest digest, BuildLog log) throws IOException {
    var node = new ObjectMapper().readTree(buildInfo.toFile());
    String name = node.path("name").asText();
    List<Path> images = new ArrayList<>();
    node.path("images").forEach(i -> images.add(buildInfo.resolveSibling(i.path("file").asText())));
    log.log(
        "reusing "
            + name
            + " ("
            + buildInfo
            + "): same input digest "
            + digest.value()
            + ", nothing built");
    return new BuildResult(name, true, digest.value(), images, List.of(), Optional.of(buildInfo));
  }

  private static void removeQuietly(List<Path> files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // best effort: the build already failed with its own message
      }
    }
  }
}
