package io.jenkins.plugins.cloudimages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.build.Backends;
import io.jenkins.plugins.cloudimages.build.BuildEnvironmentException;
import io.jenkins.plugins.cloudimages.build.BuildException;
import io.jenkins.plugins.cloudimages.build.BuildRequest;
import io.jenkins.plugins.cloudimages.build.BuildResult;
import io.jenkins.plugins.cloudimages.build.Compression;
import io.jenkins.plugins.cloudimages.build.DiskLayout;
import io.jenkins.plugins.cloudimages.build.ImageBuilder;
import io.jenkins.plugins.cloudimages.build.ImageFormat;
import io.jenkins.plugins.cloudimages.build.ImageIdentity;
import io.jenkins.plugins.cloudimages.kickstart.KickstartParser;
import io.jenkins.plugins.cloudimages.kickstart.ParseResult;
import io.jenkins.plugins.cloudimages.kickstart.Problem;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cloudimg build}: one kickstart into image files, checksums, manifest and build-info. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Builds an image from a kickstart: dnf --installroot (default, no VM), virt-install or"
          + " livemedia-creator. Images, sha256sum.txt, manifest, SPDX SBOM and build-info.json"
          + " land in --out; an image with the same input digest is reused, not rebuilt.",
      "Exit codes: 0 built or reused, 1 the build failed (or the kickstart is invalid), 2 usage"
          + " or environment error."
    })
public final class BuildCommand implements Callable<Integer> {
  @CommandLine.Mixin ProgressOption progressOption;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--kickstart",
      required = true,
      paramLabel = "FILE",
      description = "The kickstart.")
  Path kickstart;

  @Option(
      names = "--backend",
      defaultValue = "installroot",
      description = "installroot, virt-install or livemedia-creator (default: ${DEFAULT-VALUE}).")
  String backend;

  @Option(
      names = "--arch",
      description = "Target arch (default: from the file name, else this host's).")
  String arch;

  @Option(
      names = "--release",
      description =
          "Release (default: from the file name CentOS-<release>-<arch>-<variant>.ks or the metadata).")
  String release;

  @Option(names = "--variant", description = "Variant (default: from the file name, else Custom).")
  String variant;

  @Option(
      names = "--syntax",
      description =
          "Kickstart syntax version, e.g. RHEL9 (default: #version= line, else RHEL<release>).")
  String syntax;

  @Option(
      names = "--metadata",
      paramLabel = "FILE",
      description = "Image metadata JSON (default: the kickstart's name with .json, when present).")
  Path metadata;

  @Option(
      names = "--mirror-map",
      paramLabel = "FROM=TO",
      description = "Rewrite repository URLs starting with FROM to start with TO (repeatable).")
  List<String> mirrorMap = new ArrayList<>();

  @Option(
      names = "--out",
      defaultValue = "out",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Where each build makes its own work directory (default: OUT/.work).")
  Path workDir;

  @Option(
      names = "--image-format",
      paramLabel = "FMT",
      split = ",",
      description = "raw, qcow2, vmdk, vhdx, tar.xz (repeatable; default qcow2).")
  List<String> imageFormats = new ArrayList<>();

  @Option(
      names = "--compress",
      defaultValue = "none",
      description = "Whole-file compression: none, xz (xz -T0) or gz.")
  String compress;

  @Option(
      names = "--qcow2-compression",
      defaultValue = "zlib",
      description = "zlib (every qemu reads it) or zstd.")
  String qcow2Compression;

  @Option(
      names = "--layout",
      defaultValue = "auto",
      description =
          "auto (GRUB on MBR, or GPT with an EFI partition when the kickstart asks for one, when"
              + " the image has a kernel and GRUB; else partitionless), partitionless (external"
              + " kernel boot), mbr or gpt.")
  String layout;

  @Option(
      names = "--sign-key",
      paramLabel = "KEYID",
      description = "gpg key for a detached signature of sha256sum.txt.")
  String signKey;

  @Option(
      names = "--published-index",
      paramLabel = "DIR",
      description =
          "Folder of published images whose build-info files count for reuse (repeatable).")
  List<Path> publishedIndexes = new ArrayList<>();

  @Option(
      names = "--location",
      paramLabel = "URL",
      description = "virt-install: the installation tree.")
  String location;

  @Option(
      names = "--iso",
      paramLabel = "FILE",
      description = "livemedia-creator: boot this ISO in a VM instead of --no-virt.")
  String iso;

  @Option(
      names = "--timeout",
      defaultValue = "120",
      paramLabel = "MINUTES",
      description = "Overall limit (default: ${DEFAULT-VALUE}).")
  long timeoutMinutes;

  @Option(
      names = "--inactivity",
      defaultValue = "20",
      paramLabel = "MINUTES",
      description =
          "VM backends: kill after this long without console output (default: ${DEFAULT-VALUE}).")
  long inactivityMinutes;

  @Option(names = "--keep-work", description = "Keep the work directory (for debugging).")
  boolean keepWork;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (one JSON document on stdout).")
  String format;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    boolean json =
        switch (format) {
          case "json" -> true;
          case "text" -> false;
          default -> throw usage("--format must be text or json, not " + format);
        };
    if (!Files.isRegularFile(kickstart)) {
      throw usage("cannot read the kickstart " + kickstart);
    }
    Optional<ImageIdentity> fromName = ImageIdentity.fromKickstartName(kickstart);
    Path metadataFile = metadata != null ? metadata : siblingMetadata().orElse(null);
    String theRelease =
        release != null
            ? release
            : fromName.map(ImageIdentity::release).orElseGet(() -> metadataRelease(metadataFile));
    SyntaxVersion version = syntaxVersion(theRelease);
    if (theRelease == null) {
      theRelease = Integer.toString(version.release());
    }
    String theArch =
        arch != null
            ? arch
            : fromName
                .map(ImageIdentity::arch)
                .orElse(System.getProperty("os.arch").replace("amd64", "x86_64"));
    String theVariant =
        variant != null ? variant : fromName.map(ImageIdentity::variant).orElse("Custom");
    ImageBuilder builder;
    try {
      builder = Backends.get(backend);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    ParseResult parsed = new KickstartParser(version, null).parse(kickstart);
    parsed.problems().forEach(p -> err.println(p.format()));
    if (parsed.hasErrors()) {
      return report(
          json,
          failure(
              "invalid kickstart: "
                  + parsed.problems().stream().filter(Problem::isError).count()
                  + " error(s)"),
          Cloudimg.FAILED);
    }
    BuildRequest request;
    try {
      request = request(parsed, new ImageIdentity(theRelease, theArch, theVariant), metadataFile);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    try {
      BuildResult result;
      StderrProgress progress = progressOption.on(err, "cloudimg build");
      StderrProgress.Ticker ticker = progress.ticking();
      try {
        result = builder.build(request, progress);
      } finally {
        ticker.stop();
      }
      return report(json, success(result), Cloudimg.OK);
    } catch (BuildEnvironmentException e) {
      err.println("cloudimg build: " + e.getMessage());
      return report(json, failure(e.getMessage()), Cloudimg.USAGE);
    } catch (BuildException e) {
      err.println("cloudimg build: build failed: " + e.getMessage());
      return report(json, failure(e.getMessage()), Cloudimg.FAILED);
    }
  }

  private BuildRequest request(ParseResult parsed, ImageIdentity identity, Path metadataFile) {
    BuildRequest.Builder b = BuildRequest.builder(parsed.kickstart(), identity, out);
    for (String mapping : mirrorMap) {
      int eq = mapping.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--mirror-map needs FROM=TO, not " + mapping);
      }
      b.mirror(mapping.substring(0, eq), mapping.substring(eq + 1));
    }
    for (String f : imageFormats) {
      b.format(ImageFormat.parse(f));
    }
    b.compression(Compression.parse(compress));
    b.qcow2Compression(qcow2Compression);
    b.layout(
        switch (layout.toLowerCase(Locale.ROOT)) {
          case "auto" -> DiskLayout.AUTO;
          case "partitionless" -> DiskLayout.PARTITIONLESS;
          case "mbr" -> DiskLayout.MBR;
          case "gpt" -> DiskLayout.GPT;
          default ->
              throw new IllegalArgumentException(
                  "--layout must be auto, partitionless, mbr or gpt, not " + layout);
        });
    if (workDir != null) {
      b.workRoot(workDir);
    }
    if (signKey != null) {
      b.signingKey(signKey);
    }
    if (metadataFile != null) {
      b.metadata(metadataFile);
    }
    publishedIndexes.forEach(b::publishedIndex);
    if (location != null) {
      b.backendOption("location", location);
    }
    if (iso != null) {
      b.backendOption("iso", iso);
    }
    return b.timeout(Duration.ofMinutes(timeoutMinutes))
        .inactivity(Duration.ofMinutes(inactivityMinutes))
        .keepWorkDirectory(keepWork)
        .build();
  }

  private SyntaxVersion syntaxVersion(String theRelease) {
    if (syntax != null) {
      return SyntaxVersion.parse(syntax)
          .orElseThrow(() -> usage("unknown syntax version " + syntax + " (RHEL5 ... RHEL10)"));
    }
    Optional<SyntaxVersion> header = KickstartParser.detectFromHeader(kickstart);
    if (header.isPresent()) {
      return header.get();
    }
    if (theRelease != null) {
      return SyntaxVersion.parse(theRelease.split("\\.")[0])
          .orElseThrow(
              () ->
                  usage("no kickstart syntax known for release " + theRelease + "; give --syntax"));
    }
    throw usage(
        "cannot tell the release: name the file CentOS-<release>-<arch>-<variant>.ks or give --release");
  }

  /** The metadata's "release" field (CentOS SIG layout), or null. */
  private static String metadataRelease(Path metadataFile) {
    if (metadataFile == null) {
      return null;
    }
    try {
      String value = new ObjectMapper().readTree(metadataFile.toFile()).path("release").asText("");
      return value.matches("\\d+(\\.\\d+)?") ? value : null;
    } catch (IOException e) {
      return null;
    }
  }

  private Optional<Path> siblingMetadata() {
    String name = kickstart.getFileName().toString().replaceFirst("\\.(ks|cfg)$", "") + ".json";
    Path sibling = kickstart.resolveSibling(name);
    return Files.isRegularFile(sibling) ? Optional.of(sibling) : Optional.empty();
  }

  private static Map<String, Object> success(BuildResult result) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("status", result.reused() ? "reused" : "built");
    map.put("name", result.name());
    map.put("inputDigest", result.inputDigest());
    map.put("images", result.images().stream().map(Path::toString).toList());
    map.put("files", result.otherFiles().stream().map(Path::toString).toList());
    map.put("buildInfo", result.buildInfo().map(Path::toString).orElse(null));
    return map;
  }

  private static Map<String, Object> failure(String message) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("status", "failed");
    map.put("error", message);
    return map;
  }

  private int report(boolean json, Map<String, Object> fields, int exitCode) throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = new ObjectMapper().valueToTree(fields);
      stdout.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } else if (!"failed".equals(fields.get("status"))) {
      stdout.println(fields.get("status") + " " + fields.get("name"));
      Object images = fields.get("images");
      if (images instanceof List<?> list) {
        list.forEach(i -> stdout.println("  " + i));
      }
    }
    stdout.flush();
    return exitCode;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
