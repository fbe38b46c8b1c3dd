package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.cloudimages.kickstart.ContentPolicy;
import io.jenkins.plugins.cloudimages.kickstart.MirrorMap;
import io.jenkins.plugins.cloudimages.kickstart.PolicyRule;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.pipeline.EngineStages;
import io.jenkins.plugins.cloudimages.pipeline.ImageToBuild;
import io.jenkins.plugins.cloudimages.pipeline.InvalidKickstart;
import io.jenkins.plugins.cloudimages.pipeline.PipelineSettings;
import io.jenkins.plugins.cloudimages.pipeline.StageFailure;
import io.jenkins.plugins.cloudimages.pipeline.Stages;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageRequest;
import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import io.jenkins.plugins.cloudimages.plugin.rules.WorkspacePaths;
import io.jenkins.plugins.cloudimages.release.GitCredentials;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the agent: the engine's validate, build and publish stages for one image, on the
 * workspace as the kickstart repository. The image never passes through the controller.
 */
final class BuildImageCallable extends MasterToSlaveFileCallable<BuildImageCallable.Outcome> {
  private static final long serialVersionUID = 2L;

  private final ImageRequest request;
  private final Publication publication;
  private final TaskListener listener;

  BuildImageCallable(ImageRequest request, Publication publication, TaskListener listener) {
    this.request = request;
    this.publication = publication;
    this.listener = listener;
  }

  /**
   * Where to publish: the image host of the global configuration, its login resolved.
   *
   * @param root the folder under which {@code <release>/images/} lies
   * @param publicUrl the URL that serves {@code root}, or null
   */
  record Publication(
      String host, int port, Login login, String knownHosts, String root, String publicUrl)
      implements Serializable {
    private static final long serialVersionUID = 2L;
  }

  /** Either the validator's problems, or the image (file relative to the workspace). */
  record Outcome(
      List<String> problems, String imageFile, String sha256, List<String> formats, String url)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public Outcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    Path root = workspace.toPath().toAbsolutePath();
    String kickstart = WorkspacePaths.inside(root.toString(), request.kickstart());
    if (!Files.isRegularFile(root.resolve(kickstart))) {
      throw new IOException("no kickstart at " + request.kickstart() + " in the workspace");
    }
    SyntaxVersion syntax =
        SyntaxVersion.parse(request.release())
            .orElseThrow(() -> new IOException("unknown release " + request.release()));
    Path work = AgentFiles.privateDir(root, "build");
    Path secrets = AgentFiles.privateDir(root, "publish");
    try {
      EngineStages stages = new EngineStages(settings(root, work, secrets), Clock.systemUTC());
      Consumer<String> log = line -> log(line.replace(root + "/", ""));
      log("validating " + request.kickstart() + " as " + syntax);
      Stages.Validated validated;
      try {
        validated =
            stages.validate(
                new ImageToBuild(request.image(), kickstart, request.arch(), "kickstartImage"),
                syntax,
                log);
      } catch (InvalidKickstart e) {
        return new Outcome(
            e.problems().stream()
                .filter(p -> p.isError())
                .map(p -> p.format().replace(root + "/", ""))
                .toList(),
            null,
            null,
            List.of(),
            null);
      }
      Stages.Built built = stages.build(validated, request.backend(), log);
      List<String> formats =
          validated.metadata().formats().isEmpty()
              ? List.of("qcow2")
              : validated.metadata().formats();
      String file = WorkspacePaths.inside(root.toString(), built.file().toString());
      if (publication == null) {
        return new Outcome(List.of(), file, built.sha256(), formats, null);
      }
      Stages.Published published = stages.publish(built, log);
      String url = blank(publication.publicUrl()) ? null : published.url();
      return new Outcome(List.of(), file, built.sha256(), formats, url);
    } catch (StageFailure e) {
      throw new IOException("kickstartImage: " + e.getMessage(), e);
    } finally {
      AgentFiles.deleteTree(secrets);
      AgentFiles.deleteTree(work);
    }
  }

  /** The engine's settings for the three stages; the later stages' parts stay empty. */
  private PipelineSettings settings(Path root, Path work, Path secrets) throws IOException {
    return new PipelineSettings(
        root,
        null,
        new GitCredentials.None(),
        null,
        policy(),
        MirrorMap.parse(
            request.mirrorMap().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList()),
        root.resolve("cloudimg-out"),
        work,
        publication == null ? null : imageHost(secrets),
        publication == null ? null : publication.root().replaceFirst("/+$", ""),
        publication == null || blank(publication.publicUrl())
            ? ""
            : publication.publicUrl().replaceFirst("/+$", ""),
        Map.of(),
        null,
        null,
        null,
        null);
  }

  private SshTarget imageHost(Path secrets) throws IOException {
    Path knownHosts = AgentFiles.writeSecret(secrets, "known_hosts", publication.knownHosts());
    Login login = publication.login();
    return SshLogins.target(
            publication.host(), publication.port(), login.user(), login, secrets, knownHosts)
        .orElseThrow(
            () -> new IOException("the image host needs an SSH key or a username with password"));
  }

  private ContentPolicy policy() {
    ContentPolicy policy = ContentPolicy.defaults();
    for (String host : request.allowedHosts()) {
      policy = policy.allowing(PolicyRule.parse(host));
    }
    return policy;
  }

  private void log(String line) {
    listener.getLogger().println("cloud-images: " + line);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
