package io.jenkins.plugins.cloudimages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.cloudimages.pipeline.ChangeDetector;
import io.jenkins.plugins.cloudimages.pipeline.EngineStages;
import io.jenkins.plugins.cloudimages.pipeline.ImageOutcome;
import io.jenkins.plugins.cloudimages.pipeline.ImageToBuild;
import io.jenkins.plugins.cloudimages.pipeline.PipelineConfigFile;
import io.jenkins.plugins.cloudimages.pipeline.PipelineRunner;
import io.jenkins.plugins.cloudimages.pipeline.PipelineSettings;
import io.jenkins.plugins.cloudimages.pipeline.PipelineSummary;
import io.jenkins.plugins.cloudimages.release.CliGitRepository;
import io.jenkins.plugins.cloudimages.release.GitException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cloudimg run}: decide which images a change of the kickstart repository rebuilds and run
 * the whole pipeline for them (validate, build, publish, deploy and test on each cloud, release).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Decides which images the commits from --from to --to rebuild (a changed kickstart, metadata"
          + " file or %%include'd file; RELEASEABLE commits count for nothing) and runs the"
          + " pipeline for them.",
      "--from defaults to the parent of --to; a --from of 0000000 (a new branch) counts the"
          + " commits no other branch has. --to defaults to HEAD of a directory, or the branch"
          + " of a URL."
    })
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RepositoryOptions repository;

  @Option(names = "--from", paramLabel = "REV", description = "Revision before the change.")
  String from;

  @Option(names = "--to", paramLabel = "REV", description = "Revision after the change.")
  String to;

  @Option(names = "--config", paramLabel = "FILE", description = "Pipeline configuration.")
  Path config;

  @Option(names = "--dry-run", description = "Only print what would be rebuilt.")
  boolean dryRun;

  @Option(names = "--format", paramLabel = "text|json", description = "Output format.")
  ReleaseCommand.OutputFormat format = ReleaseCommand.OutputFormat.text;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description =
          "Also write the JSON summary to FILE when the run ends (for runs the post-receive hook"
              + " starts in the background); a run that cannot start writes {\"error\": ...}.")
  Path summary;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (!dryRun && config == null) {
      err.println("cloudimg run: --config FILE is needed to run the pipeline (or use --dry-run)");
      return Cloudimg.USAGE;
    }
    CliGitRepository git = null;
    // A bare repository or a URL is cloned with a work tree, which the stages read and the
    // release stage pushes from; a clone given as --repo is used as it is checked out.
    boolean temporary = !repository.isWorkTree();
    try {
      String target = to;
      if (temporary) {
        git = repository.temporaryClone(!dryRun);
        String branch = repository.branchOf(git);
        String tip = git.fetch(branch);
        git.createBranch(branch, tip); // so that --from/--to may name it, e.g. main~1
        target = to == null ? tip : to;
      } else {
        git = CliGitRepository.open(Path.of(repository.repo), repository.credentials());
        target =
            to != null
                ? to
                : repository.branch != null ? "refs/heads/" + repository.branch : "HEAD";
      }
      String toCommit = require(git, target, "--to");
      String fromCommit = fromCommit(git, toCommit);
      List<ImageToBuild> images = new ChangeDetector(git).detect(fromCommit, toCommit);
      if (dryRun) {
        print(images);
        return Cloudimg.OK;
      }
      if (temporary) {
        git.checkout(repository.branchOf(git), toCommit);
      }
      return runPipeline(images, git.directory());
    } catch (GitException | IllegalArgumentException e) {
      err.println("cloudimg run: " + e.getMessage());
      writeSummary(new ObjectMapper().createObjectNode().put("error", e.getMessage()));
      return Cloudimg.USAGE;
    } finally {
      if (git != null) {
        git.close();
        if (temporary) {
          RepositoryOptions.deleteRecursively(git.directory());
        }
      }
    }
  }

  private int runPipeline(List<ImageToBuild> images, Path workTree) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PipelineConfigFile file = PipelineConfigFile.read(config);
    PipelineSettings settings = file.settings(workTree.toAbsolutePath(), err::println);
    Path runs =
        java.nio.file.Files.createDirectories(
            settings.work().resolve("runs").resolve(settings.build()));
    PipelineRunner runner =
        new PipelineRunner(
            new EngineStages(settings, Clock.systemUTC()),
            runs,
            file.parallelism(),
            err::println,
            Clock.systemUTC());
    List<ImageOutcome> outcomes = runner.run(images);
    PipelineSummary result = new PipelineSummary(outcomes, runs);
    result.print(spec.commandLine().getOut(), format == ReleaseCommand.OutputFormat.json);
    writeSummary(result.json());
    return outcomes.stream().allMatch(ImageOutcome::passed) ? Cloudimg.OK : Cloudimg.FAILED;
  }

  /** Writes the --summary file whole (through a temporary file), when one was asked for. */
  private void writeSummary(JsonNode document) throws java.io.IOException {
    if (summary == null) {
      return;
    }
    Path partial = summary.resolveSibling(summary.getFileName() + ".partial");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(partial.toFile(), document);
    java.nio.file.Files.move(
        partial,
        summary,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private String fromCommit(CliGitRepository git, String toCommit) throws GitException {
    if (from == null) {
      return git.resolve(toCommit + "~1").orElse(null);
    }
    if (from.matches("0+")) {
      return null;
    }
    return require(git, from, "--from");
  }

  private static String require(CliGitRepository git, String revision, String option)
      throws GitException {
    Optional<String> commit = git.resolve(revision);
    if (commit.isEmpty()) {
      throw new IllegalArgumentException(option + " " + revision + ": no such revision");
    }
    return commit.get();
  }

  private void print(List<ImageToBuild> images) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (format == ReleaseCommand.OutputFormat.json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ArrayNode array = mapper.createArrayNode();
      for (ImageToBuild image : images) {
        array
            .addObject()
            .put("image", image.image())
            .put("kickstart", image.kickstart())
            .put("arch", image.arch())
            .put("reason", image.reason());
      }
      out.println(mapper.writeValueAsString(array));
    } else if (images.isEmpty()) {
      out.println("nothing to rebuild");
    } else {
      int imageWidth =
          Math.max(5, images.stream().mapToInt(i -> i.image().length()).max().orElse(0));
      int ksWidth =
          Math.max(9, images.stream().mapToInt(i -> i.kickstart().length()).max().orElse(0));
      String row = "%-" + imageWidth + "s  %-" + ksWidth + "s  %-7s  %s%n";
      out.printf(row, "IMAGE", "KICKSTART", "ARCH", "REASON");
      for (ImageToBuild image : images) {
        out.printf(row, image.image(), image.kickstart(), image.arch(), image.reason());
      }
    }
    out.flush();
  }
}
