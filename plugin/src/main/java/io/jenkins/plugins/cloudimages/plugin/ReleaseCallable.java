package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageInfo;
import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import io.jenkins.plugins.cloudimages.plugin.rules.WorkspacePaths;
import io.jenkins.plugins.cloudimages.release.CliGitRepository;
import io.jenkins.plugins.cloudimages.release.GitCredentials;
import io.jenkins.plugins.cloudimages.release.GitException;
import io.jenkins.plugins.cloudimages.release.GitIdentity;
import io.jenkins.plugins.cloudimages.release.JUnitReport;
import io.jenkins.plugins.cloudimages.release.ReleaseMarker;
import io.jenkins.plugins.cloudimages.release.ReleaseOutcome;
import io.jenkins.plugins.cloudimages.release.ReleaseRequest;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the agent: clones the kickstart repository into a private folder and lets the engine's
 * release stage append the record, commit {@code RELEASEABLE ...} and push (re-applying on a lost
 * race). Git runs on the command line of the agent.
 */
final class ReleaseCallable extends MasterToSlaveFileCallable<ReleaseCallable.Outcome> {
  private static final long serialVersionUID = 1L;

  /** How it ended, without the library types of the engine's outcome. */
  record Outcome(boolean succeeded, String status, String reason, String commit)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** What to release where. */
  record Spec(
      String remote,
      String branch,
      String metadataPath,
      List<String> reports,
      List<String> clouds,
      String comment,
      String author,
      boolean tag,
      String build,
      String knownHosts)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    Spec {
      reports = List.copyOf(reports);
      clouds = List.copyOf(clouds);
    }
  }

  private final ImageInfo image;
  private final Spec spec;
  private final Login login;
  private final TaskListener listener;

  ReleaseCallable(ImageInfo image, Spec spec, Login login, TaskListener listener) {
    this.image = image;
    this.spec = spec;
    this.login = login;
    this.listener = listener;
  }

  @Override
  public Outcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    Path root = workspace.toPath();
    Path dir = AgentFiles.privateDir(root, "release");
    try {
      List<JUnitReport> reports = new ArrayList<>();
      for (String report : spec.reports()) {
        reports.add(JUnitReport.read(root.resolve(WorkspacePaths.inside(root.toString(), report))));
      }
      GitCredentials credentials = credentials(root, dir);
      try (CliGitRepository repository =
          CliGitRepository.cloneOf(spec.remote(), dir.resolve("repo"), credentials)) {
        String branch = spec.branch().isEmpty() ? repository.remoteDefaultBranch() : spec.branch();
        ReleaseRequest request =
            new ReleaseRequest(
                image.name(),
                image.sha256(),
                image.url(),
                spec.metadataPath(),
                branch,
                reports,
                spec.clouds(),
                spec.comment(),
                spec.author().isEmpty() ? null : GitIdentity.parse(spec.author()),
                spec.tag(),
                null,
                spec.build());
        ReleaseOutcome outcome =
            new ReleaseMarker(repository)
                .log(line -> listener.getLogger().println("cloud-images: " + line))
                .release(request, branch);
        return new Outcome(
            outcome.succeeded(), outcome.status().name(), outcome.reason(), outcome.commit());
      }
    } catch (GitException | IllegalArgumentException e) {
      throw new IOException("releaseMarker: " + e.getMessage(), e);
    } finally {
      AgentFiles.deleteTree(dir);
    }
  }

  private GitCredentials credentials(Path root, Path dir) throws IOException {
    if (login == null) {
      return new GitCredentials.None();
    }
    if (login instanceof Login.SshKey key) {
      if (spec.knownHosts().isEmpty()) {
        throw new IOException(
            "releaseMarker: an SSH remote needs knownHosts (the git server's pinned host key)");
      }
      Path knownHosts = root.resolve(WorkspacePaths.inside(root.toString(), spec.knownHosts()));
      return new GitCredentials.SshKey(AgentFiles.writeKey(dir, key), knownHosts);
    }
    if (login instanceof Login.Password password) {
      return new GitCredentials.UsernamePassword(password.user(), password.password());
    }
    throw new IOException("releaseMarker: a secret text alone cannot log in to git");
  }
}
