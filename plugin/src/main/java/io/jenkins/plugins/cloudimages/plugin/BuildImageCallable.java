package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.cloudimages.kickstart.ContentPolicy;
import io.jenkins.plugins.cloudimages.kickstart.KickstartParser;
import io.jenkins.plugins.cloudimages.kickstart.ParseResult;
import io.jenkins.plugins.cloudimages.kickstart.PolicyRule;
import io.jenkins.plugins.cloudimages.kickstart.Problem;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageRequest;
import io.jenkins.plugins.cloudimages.plugin.rules.WorkspacePaths;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the agent: validates the kickstart (syntax and content policy), then builds the image.
 * The image never leaves the agent except to the image host.
 */
final class BuildImageCallable extends MasterToSlaveFileCallable<BuildImageCallable.Outcome> {
  private static final long serialVersionUID = 1L;

  private final ImageRequest request;
  private final TaskListener listener;

  BuildImageCallable(ImageRequest request, TaskListener listener) {
    this.request = request;
    this.listener = listener;
  }

  /** Either the validator's problems, or the built image file (relative to the workspace). */
  record Outcome(List<String> problems, String imageFile, String sha256, List<String> formats)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public Outcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    Path root = workspace.toPath();
    Path kickstart = root.resolve(WorkspacePaths.inside(root.toString(), request.kickstart()));
    if (!Files.isRegularFile(kickstart)) {
      throw new IOException("no kickstart at " + request.kickstart() + " in the workspace");
    }
    SyntaxVersion syntax =
        SyntaxVersion.parse(request.release())
            .orElseThrow(() -> new IOException("unknown release " + request.release()));
    listener
        .getLogger()
        .println("cloud-images: validating " + request.kickstart() + " as " + syntax);
    ParseResult parsed = new KickstartParser(syntax, root).parse(kickstart);
    List<Problem> problems = new ArrayList<>(parsed.problems());
    problems.addAll(policy().check(parsed.kickstart()));
    List<String> lines = new ArrayList<>();
    for (Problem p : problems) {
      String line = p.format().replace(root.toAbsolutePath() + "/", "");
      listener.getLogger().println(line);
      if (p.isError()) {
        lines.add(line);
      }
    }
    if (!lines.isEmpty()) {
      return new Outcome(lines, null, null, List.of());
    }
    listener
        .getLogger()
        .println(
            "cloud-images: building "
                + request.image()
                + " for "
                + request.arch()
                + " with "
                + request.backend());
    throw EngineStages.missing("build");
  }

  private ContentPolicy policy() {
    ContentPolicy policy = ContentPolicy.defaults();
    for (String host : request.allowedHosts()) {
      policy = policy.allowing(PolicyRule.parse(host));
    }
    return policy;
  }
}
