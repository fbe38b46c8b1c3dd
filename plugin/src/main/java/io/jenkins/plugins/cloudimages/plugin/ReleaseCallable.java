package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import hudson.EnvVars;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageInfo;
import io.jenkins.plugins.cloudimages.plugin.rules.WorkspacePaths;
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
import org.jenkinsci.plugins.gitclient.Git;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;

/**
 * Runs on the agent: makes a private repository with the Git client plugin (command line git, the
 * credential snapshot and the host key verification configured in Jenkins) and lets the engine's
 * release stage append the record, commit {@code RELEASEABLE ...} and push it (re-applying on a
 * lost race).
 */
final class ReleaseCallable extends MasterToSlaveFileCallable<ReleaseCallable.Outcome> {
  private static final long serialVersionUID = 2L;

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
      String build)
      implements Serializable {
    private static final long serialVersionUID = 2L;

    Spec {
      reports = List.copyOf(reports);
      clouds = List.copyOf(clouds);
    }
  }

  /** How git reaches the remote: the credential (a snapshot) and the host key verifier. */
  record Access(
      StandardUsernameCredentials credentials, HostKeyVerifierFactory hostKeys, EnvVars env)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final ImageInfo image;
  private final Spec spec;
  private final Access access;
  private final TaskListener listener;

  ReleaseCallable(ImageInfo image, Spec spec, Access access, TaskListener listener) {
    this.image = image;
    this.spec = spec;
    this.access = access;
    this.listener = listener;
  }

  @Override
  public Outcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    Path root = workspace.toPath();
    Path dir = AgentFiles.privateDir(root, "release");
    try {
      GitClient git =
          Git.with(listener, access.env())
              .in(dir.toFile())
              .using("git")
              .withHostKeyVerifierFactory(access.hostKeys())
              .getClient();
      if (access.credentials() != null) {
        git.setCredentials(access.credentials());
      }
      return release(git, root, dir);
    } finally {
      AgentFiles.deleteTree(dir);
    }
  }

  /** The release on a client of an empty folder {@code dir}. */
  Outcome release(GitClient git, Path root, Path dir) throws IOException, InterruptedException {
    try {
      List<JUnitReport> reports = new ArrayList<>();
      for (String report : spec.reports()) {
        reports.add(JUnitReport.read(root.resolve(WorkspacePaths.inside(root.toString(), report))));
      }
      GitClientRepository repository =
          GitClientRepository.init(git, dir.toAbsolutePath().toString(), spec.remote());
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
    } catch (GitException | IllegalArgumentException e) {
      throw new IOException("releaseMarker: " + e.getMessage(), e);
    }
  }
}
