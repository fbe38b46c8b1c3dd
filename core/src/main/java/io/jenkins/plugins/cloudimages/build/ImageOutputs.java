package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.BackgroundTask;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the requested image files from the raw disk (and the root folder or tarball for the rootfs
 * tarball) into the output folder. Each file is written under a hidden temporary name and renamed
 * when complete; on failure every file of this build is removed, so nothing half-written is ever
 * visible under an image name.
 *
 * <p>Each image file's SHA-256 starts on a thread of its own as soon as the file is complete (the
 * raw disk's before the conversions that read it), so hashing overlaps the conversions still to run
 * instead of following them.
 */
final class ImageOutputs {
  /** qemu-img coroutines (-m): parallel requests in flight during a conversion. */
  private static final String COROUTINES = "16";

  private final ToolRunner tools;
  private final BuildLog log;
  private final Path outputDirectory;
  private final String baseName;
  private final Map<Path, BackgroundTask<String, IOException>> digests = new LinkedHashMap<>();

  ImageOutputs(ToolRunner tools, BuildLog log, Path outputDirectory, String baseName) {
    this.tools = tools;
    this.log = log;
    this.outputDirectory = outputDirectory;
    this.baseName = baseName;
  }

  /** The qemu-img command converting raw into a format. */
  static List<String> convertCommand(
      ImageFormat format, String qcow2Compression, Path raw, Path target) {
    List<String> command =
        new ArrayList<>(List.of("qemu-img", "convert", "-f", "raw", "-m", COROUTINES));
    switch (format) {
      case QCOW2 ->
          command.addAll(
              List.of("-c", "-O", "qcow2", "-o", "compression_type=" + qcow2Compression));
      case VMDK -> command.addAll(List.of("-O", "vmdk", "-o", "subformat=streamOptimized"));
      // out-of-order writes (-W) only for targets that are neither compressed nor streamed
      case VHDX -> command.addAll(List.of("-W", "-O", "vhdx", "-o", "subformat=dynamic"));
      default -> throw new IllegalArgumentException("qemu-img does not write " + format);
    }
    command.add(raw.toString());
    command.add(target.toString());
    return command;
  }

  /** Writes every format; the raw disk is moved last (so conversions can read it first). */
  List<Path> write(AbstractImageBuilder.Produced produced, BuildRequest request)
      throws BuildException, IOException {
    List<Path> written = new ArrayList<>();
    try {
      writeAll(produced, request, written);
    } catch (BuildException | IOException | RuntimeException e) {
      digests.values().forEach(BackgroundTask::cancel);
      for (Path file : written) {
        Files.deleteIfExists(file);
      }
      try (var files = Files.list(outputDirectory)) {
        for (Path p :
            files
                .filter(p -> p.getFileName().toString().startsWith("." + baseName + "."))
                .toList()) {
          Files.deleteIfExists(p);
        }
      }
      throw e;
    }
    return written;
  }

  /** The SHA-256 of every image file written (not the Dockerfile), being computed or done. */
  Map<Path, BackgroundTask<String, IOException>> digests() {
    return digests;
  }

  private void writeAll(
      AbstractImageBuilder.Produced produced, BuildRequest request, List<Path> written)
      throws BuildException, IOException {
    boolean needsDisk = request.formats().stream().anyMatch(f -> f != ImageFormat.TAR_XZ);
    if (needsDisk && produced.rawDisk().isEmpty()) {
      throw new BuildException("this build made no disk image, only a root file system tarball");
    }
    boolean rawAsIs =
        request.formats().contains(ImageFormat.RAW) && request.compression() == Compression.NONE;
    BackgroundTask<String, IOException> rawDigest =
        rawAsIs ? hashFromNow(produced.rawDisk().get()) : null;
    for (ImageFormat format : List.of(ImageFormat.QCOW2, ImageFormat.VMDK, ImageFormat.VHDX)) {
      if (request.formats().contains(format)) {
        Path partial = partial(format);
        log.progress("convert to " + format.extension(), 0);
        tools.run(
            convertCommand(format, request.qcow2Compression(), produced.rawDisk().get(), partial));
        log.progress("convert to " + format.extension(), 100);
        written.add(hashed(finish(partial, format, request.compression())));
      }
    }
    if (request.formats().contains(ImageFormat.TAR_XZ)) {
      Path partial = partial(ImageFormat.TAR_XZ);
      if (produced.rootTarball().isPresent()) {
        Files.move(produced.rootTarball().get(), partial, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Path tree =
            produced
                .rootTree()
                .orElseThrow(
                    () -> new BuildException("this build has no root folder for a rootfs tarball"));
        tools.run(
            List.of(
                "tar",
                "--numeric-owner",
                "--xattrs",
                "--acls",
                "-I",
                "xz -T0",
                "-C",
                tree.toString(),
                "-cf",
                partial.toString(),
                "."));
      }
      written.add(hashed(finish(partial, ImageFormat.TAR_XZ, Compression.NONE)));
      written.add(dockerfile());
    }
    if (request.formats().contains(ImageFormat.RAW)) {
      Path partial = partial(ImageFormat.RAW);
      Files.move(produced.rawDisk().get(), partial, StandardCopyOption.ATOMIC_MOVE);
      Path raw = finish(partial, ImageFormat.RAW, request.compression());
      written.add(rawDigest == null ? hashed(raw) : hashedBy(raw, rawDigest));
    }
  }

  private Path hashed(Path image) throws IOException {
    return hashedBy(image, Checksums.hashInBackground(image));
  }

  private Path hashedBy(Path image, BackgroundTask<String, IOException> digest) {
    digests.put(image, digest);
    return image;
  }

  /**
   * Starts hashing a file that is final but not yet in place: it is opened now, so renaming it
   * later does not matter.
   */
  private static BackgroundTask<String, IOException> hashFromNow(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return BackgroundTask.start(
        "sha256 " + file.getFileName(),
        () -> {
          try (in) {
            return Digests.sha256(in);
          }
        });
  }

  private Path partial(ImageFormat format) {
    return outputDirectory.resolve("." + baseName + "." + format.extension() + ".partial");
  }

  private Path finish(Path partial, ImageFormat format, Compression compression)
      throws BuildException, IOException {
    Path source = partial;
    if (compression == Compression.XZ) {
      tools.run(List.of("xz", "-T0", "-f", partial.toString()));
      source = partial.resolveSibling(partial.getFileName() + ".xz");
    } else if (compression == Compression.GZ) {
      String gzip = ProcessRunner.onPath("pigz") ? "pigz" : "gzip";
      tools.run(List.of(gzip, "-n", "-f", partial.toString()));
      source = partial.resolveSibling(partial.getFileName() + ".gz");
    }
    Path target =
        outputDirectory.resolve(baseName + "." + format.extension() + compression.suffix());
    if (Files.exists(target)) {
      throw new BuildException(target + " exists already: a built image is never overwritten");
    }
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    log.log("wrote " + target);
    return target;
  }

  private Path dockerfile() throws IOException {
    Path file = outputDirectory.resolve(baseName + ".Dockerfile");
    Files.writeString(
        file,
        "FROM scratch\n"
            + "ADD "
            + baseName
            + ".tar.xz /\n"
            + "LABEL org.opencontainers.image.title=\""
            + baseName
            + "\"\n"
            + "CMD [\"/bin/sh\"]\n");
    return file;
  }
}
