package io.jenkins.plugins.cloudimages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.cloudimages.pipeline.ChangeDetector;
import io.jenkins.plugins.cloudimages.pipeline.ImageToBuild;
import io.jenkins.plugins.cloudimages.release.CliGitRepository;
import io.jenkins.plugins.cloudimages.release.GitException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cloudimg run}: decide which images a change of the kickstart repository rebuilds and (to
 * come) run the whole pipeline for them. Today only {@code --dry-run} is available.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Decides which images the commits from --from to --to rebuild (a changed kickstart, metadata"
          + " file or %include'd file; RELEASEABLE commits count for nothing) and runs the"
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

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (!dryRun) {
      err.println(
          "cloudimg run: the full pipeline is not available yet in this version; use --dry-run"
              + " to see what would be rebuilt");
      return Cloudimg.USAGE;
    }
    CliGitRepository git = null;
    boolean temporary = !repository.isLocal();
    try {
      String target = to;
      if (temporary) {
        git = repository.temporaryClone();
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
      print(images);
      return Cloudimg.OK;
    } catch (GitException | IllegalArgumentException e) {
      err.println("cloudimg run: " + e.getMessage());
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
