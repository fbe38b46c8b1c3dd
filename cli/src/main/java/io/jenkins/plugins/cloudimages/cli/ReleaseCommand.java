package io.jenkins.plugins.cloudimages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.release.CliGitRepository;
import io.jenkins.plugins.cloudimages.release.GitCredentials;
import io.jenkins.plugins.cloudimages.release.GitException;
import io.jenkins.plugins.cloudimages.release.GitIdentity;
import io.jenkins.plugins.cloudimages.release.JUnitReport;
import io.jenkins.plugins.cloudimages.release.ReleaseMarker;
import io.jenkins.plugins.cloudimages.release.ReleaseOutcome;
import io.jenkins.plugins.cloudimages.release.ReleaseRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cloudimg release}: record a tested image in its metadata and push RELEASEABLE. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = {
      "Marks a tested image released: appends a record to the image's metadata file and pushes a"
          + " commit 'RELEASEABLE <image> <sha256 first 12>'.",
      "Refuses (exit 1) when a test report did not pass, when a report says another digest was"
          + " tested (property cloudimg.image.sha256), or when the image is recorded with another"
          + " digest. Running it again is harmless (exit 0, already released). A push that loses"
          + " a race is re-applied on the new tip; nothing is ever force-pushed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:released, or already released",
      "1:refused (the reason is printed), or could not land",
      "2:usage or environment error"
    })
final class ReleaseCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RepositoryOptions repository;

  @Option(
      names = "--metadata",
      required = true,
      paramLabel = "PATH",
      description = "The image's metadata file, as a path inside the repository.")
  String metadata;

  @Option(names = "--image", required = true, paramLabel = "NAME", description = "Image file name.")
  String image;

  @Option(names = "--sha256", required = true, paramLabel = "HEX", description = "Image digest.")
  String sha256;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "Published URL.")
  String url;

  @Option(
      names = "--junit",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "t_functional JUnit XML report, one per cloud tested; all must have passed.")
  List<Path> junit;

  @Option(
      names = "--cloud",
      paramLabel = "NAME",
      description =
          "A cloud the image was tested on (repeatable; default: the reports' cloudimg.cloud"
              + " property, else their file names).")
  List<String> clouds = new ArrayList<>();

  @Option(names = "--comment", paramLabel = "TEXT", description = "Comment kept in the record.")
  String comment = "";

  @Option(
      names = "--author",
      paramLabel = "\"Name <email>\"",
      description = "Commit author (default: the repository's git identity).")
  String author;

  @Option(names = "--tag", description = "Also tag the release commit <image name>.")
  boolean tag;

  @Option(
      names = "--kickstart-commit",
      paramLabel = "SHA",
      description = "The kickstart commit built (default: the last commit changing the kickstart).")
  String kickstartCommit;

  @Option(
      names = "--build",
      paramLabel = "URL|ID",
      description = "Build URL or id kept in the record (default: $BUILD_URL).")
  String build = System.getenv("BUILD_URL");

  @Option(
      names = "--attempts",
      paramLabel = "N",
      description = "Pushes to try when other releases win the race (default: ${DEFAULT-VALUE}).")
  int attempts = ReleaseMarker.DEFAULT_ATTEMPTS;

  @Option(names = "--format", paramLabel = "text|json", description = "Output format.")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ReleaseRequest request;
    try {
      request = request();
    } catch (IllegalArgumentException e) {
      err.println("cloudimg release: " + e.getMessage());
      return Cloudimg.USAGE;
    }
    CliGitRepository clone = null;
    boolean keepClone = false;
    try {
      clone = repository.temporaryClone();
      copyLocalGitSettings(clone);
      String branch = repository.branchOf(clone);
      Optional<GitIdentity> identity = authorFrom(clone);
      if (identity.isEmpty()) {
        err.println(
            "cloudimg release: no git identity for "
                + repository.repo
                + ": give --author \"Name <email>\" or set git config user.name and user.email");
        return Cloudimg.USAGE;
      }
      ReleaseRequest withAuthor = withAuthor(request, identity.get());
      ReleaseOutcome outcome =
          new ReleaseMarker(clone)
              .maxAttempts(attempts)
              .log(line -> err.println("cloudimg release: " + line))
              .release(withAuthor, branch);
      keepClone = outcome.savedBranch() != null;
      report(outcome, clone.directory(), err);
      return outcome.succeeded() ? Cloudimg.OK : Cloudimg.FAILED;
    } catch (GitException e) {
      err.println("cloudimg release: " + e.getMessage());
      return Cloudimg.USAGE;
    } finally {
      if (clone != null) {
        clone.close();
        if (!keepClone) {
          RepositoryOptions.deleteRecursively(clone.directory());
        }
      }
    }
  }

  private ReleaseRequest request() {
    List<JUnitReport> reports = new ArrayList<>();
    for (Path file : junit) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("--junit " + file + ": no such readable file");
      }
      try {
        reports.add(JUnitReport.read(file));
      } catch (IOException e) {
        throw new IllegalArgumentException("--junit " + e.getMessage());
      }
    }
    GitIdentity identity = author == null ? null : GitIdentity.parse(author);
    if (attempts < 1) {
      throw new IllegalArgumentException("--attempts must be at least 1");
    }
    repository.credentials();
    return new ReleaseRequest(
        image,
        sha256,
        url,
        metadataInRepository(),
        repository.branch,
        reports,
        clouds,
        comment,
        identity,
        tag,
        kickstartCommit,
        build);
  }

  /** --metadata as a path inside the repository (a file path into a local checkout is accepted). */
  private String metadataInRepository() {
    Path path = Path.of(metadata);
    if (path.isAbsolute() && repository.isLocal()) {
      Path root = Path.of(repository.repo).toAbsolutePath().normalize();
      if (path.normalize().startsWith(root)) {
        return root.relativize(path.normalize()).toString();
      }
    }
    return path.normalize().toString();
  }

  /**
   * --author, else the identity git uses in the given repository (its own config, then the global
   * one; for a URL, the global one as the clone sees it).
   */
  private Optional<GitIdentity> authorFrom(CliGitRepository clone) throws GitException {
    if (author != null) {
      return Optional.of(GitIdentity.parse(author));
    }
    if (!repository.isLocal()) {
      return clone.configuredIdentity();
    }
    try (CliGitRepository local =
        CliGitRepository.open(Path.of(repository.repo), GitCredentials.none())) {
      return local.configuredIdentity();
    }
  }

  /** A local repository's signing settings apply to the release commit made in the clone. */
  private void copyLocalGitSettings(CliGitRepository clone) throws GitException {
    if (!repository.isLocal()) {
      return;
    }
    try (CliGitRepository local =
        CliGitRepository.open(Path.of(repository.repo), GitCredentials.none())) {
      for (String key : List.of("user.signingkey", "gpg.format", "gpg.program")) {
        Optional<String> value = local.config(key);
        if (value.isPresent()) {
          clone.setConfig(key, value.get());
        }
      }
    }
  }

  private static ReleaseRequest withAuthor(ReleaseRequest request, GitIdentity identity) {
    return new ReleaseRequest(
        request.image(),
        request.sha256(),
        request.url(),
        request.metadataPath(),
        request.branch(),
        request.reports(),
        request.clouds(),
        request.comment(),
        identity,
        request.tag(),
        request.kickstartCommit(),
        request.build());
  }

  private void report(ReleaseOutcome outcome, Path clone, PrintWriter err) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    String status = outcome.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
    if (outcome.status() == ReleaseOutcome.Status.FAILED) {
      err.println("cloudimg release: FAILED: " + outcome.reason());
      if (outcome.savedBranch() != null) {
        err.println(
            "cloudimg release: the release commit is kept in "
                + clone
                + " on branch "
                + outcome.savedBranch());
      }
      if (outcome.record() != null) {
        err.println("cloudimg release: the record that did not land: " + outcome.record());
      }
    } else if (outcome.status() == ReleaseOutcome.Status.REFUSED) {
      err.println("cloudimg release: refused: " + outcome.reason());
    }
    if (format == OutputFormat.json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode json = mapper.createObjectNode();
      json.put("status", status);
      json.put("image", image);
      json.put("sha256", sha256.toLowerCase(Locale.ROOT));
      json.put("reason", outcome.reason());
      json.put("commit", outcome.commit());
      json.put("attempts", outcome.attempts());
      json.put("tag", outcome.tag());
      json.put("saved_branch", outcome.savedBranch());
      json.put("saved_repository", outcome.savedBranch() == null ? null : clone.toString());
      json.set("record", outcome.record());
      out.println(mapper.writeValueAsString(json));
    } else if (outcome.status() == ReleaseOutcome.Status.LANDED) {
      out.println(
          "released "
              + image
              + " in commit "
              + outcome.commit()
              + (outcome.attempts() > 1 ? " (push attempt " + outcome.attempts() + ")" : "")
              + (outcome.tag() != null ? ", tagged " + outcome.tag() : ""));
    } else if (outcome.status() == ReleaseOutcome.Status.ALREADY_RELEASED) {
      out.println(
          image
              + " already released"
              + (outcome.commit() != null ? " in commit " + outcome.commit() : ""));
    }
    out.flush();
  }

  /** What --format takes. */
  enum OutputFormat {
    text,
    json
  }
}
