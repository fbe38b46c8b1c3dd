package io.jenkins.plugins.cloudimages.plugin;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.cloudimages.plugin.rules.Check;
import io.jenkins.plugins.cloudimages.plugin.rules.FieldRules;
import io.jenkins.plugins.cloudimages.plugin.rules.ReleaseGate;
import io.jenkins.plugins.cloudimages.plugin.rules.StepEnvironment;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code releaseMarker}: when the build so far passed and the image passed t_functional in it,
 * records the release in the image's metadata and pushes the {@code RELEASEABLE} commit.
 */
public final class ReleaseMarker extends CredentialedBuilderBase {
  /** What git logs in with (the Git client plugin's own choice): an SSH key or a password. */
  static final CredentialKind LOGINS = CredentialKind.SSH_KEY_OR_PASSWORD;

  private final String repository;
  private String branch = "";
  private String metadata = "";
  private String comment = "";
  private String author = "";
  private boolean tag;

  @DataBoundConstructor
  public ReleaseMarker(String repository) {
    this.repository = repository == null ? "" : repository.strip();
  }

  public String getRepository() {
    return repository;
  }

  public String getBranch() {
    return branch;
  }

  @DataBoundSetter
  public void setBranch(String branch) {
    this.branch = branch == null ? "" : branch.strip();
  }

  /**
   * Ignored, kept so that jobs configured with it still load: the Git client plugin verifies the
   * git server's host key as Jenkins' security configuration says.
   */
  @Deprecated
  @Override
  @DataBoundSetter
  public void setKnownHosts(String knownHosts) {
    super.setKnownHosts(knownHosts);
  }

  public String getMetadata() {
    return metadata;
  }

  /** The metadata file inside the repository; empty: the one beside the image's kickstart. */
  @DataBoundSetter
  public void setMetadata(String metadata) {
    this.metadata = metadata == null ? "" : metadata.strip();
  }

  public String getComment() {
    return comment;
  }

  @DataBoundSetter
  public void setComment(String comment) {
    this.comment = comment == null ? "" : comment.strip();
  }

  public String getAuthor() {
    return author;
  }

  @DataBoundSetter
  public void setAuthor(String author) {
    this.author = author == null ? "" : author.strip();
  }

  public boolean isTag() {
    return tag;
  }

  @DataBoundSetter
  public void setTag(boolean tag) {
    this.tag = tag;
  }

  @Override
  public void perform(
      Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
      throws InterruptedException, IOException {
    String image = env.get(StepEnvironment.IMAGE_NAME);
    ImageAction action = image == null ? null : ImageAction.of(run, image);
    if (action == null) {
      throw new AbortException("releaseMarker: no image built by kickstartImage in this build");
    }
    Result result = run.getResult();
    ReleaseGate.Decision decision =
        ReleaseGate.decide(result == null ? null : result.toString(), image, action.testRuns());
    if (!decision.allowed()) {
      listener
          .getLogger()
          .println("cloud-images: not releasing " + image + ": " + decision.reason());
      return;
    }
    String remote = env.expand(repository);
    if (!getKnownHosts().isEmpty()) {
      listener
          .getLogger()
          .println(
              "cloud-images: releaseMarker ignores knownHosts: the Git client plugin verifies the"
                  + " git server's host key as configured in Manage Jenkins > Security");
    }
    ReleaseCallable.Access access = GitAccess.of(getCredentialsId(), remote, run, env);
    List<ReleaseGate.TestRun> runs = action.testRuns();
    ReleaseCallable.Spec spec =
        new ReleaseCallable.Spec(
            remote,
            env.expand(branch),
            metadata.isEmpty() ? action.getMetadataPath() : env.expand(metadata),
            runs.stream().map(ReleaseGate.TestRun::report).toList(),
            runs.stream().map(ReleaseGate.TestRun::cloud).distinct().toList(),
            env.expand(comment),
            env.expand(author),
            tag,
            run.getExternalizableId());
    ReleaseCallable.Outcome outcome =
        workspace.act(new ReleaseCallable(action.image(), spec, access, listener));
    if (!outcome.succeeded()) {
      throw new AbortException(
          "releaseMarker: " + image + " " + outcome.status() + ": " + outcome.reason());
    }
    action.released(outcome.commit());
    listener
        .getLogger()
        .println("cloud-images: " + image + " " + outcome.status() + " as " + outcome.commit());
  }

  /** Remotes that need no login take none. */
  static CredentialField credentialField(String credentialsId) {
    return new CredentialField(credentialsId, LOGINS, Check.ok());
  }

  /** The form, its checks and lists. */
  @Extension
  @Symbol("releaseMarker")
  public static final class DescriptorImpl extends CredentialedBuilderBase.DescriptorBase {
    public DescriptorImpl() {
      super(LOGINS);
    }

    @Override
    public String getDisplayName() {
      return "Mark the tested image released in git";
    }

    @POST
    public FormValidation doCheckRepository(
        @AncestorInPath Item item, @QueryParameter String value) {
      return Forms.check(item, () -> FieldRules.gitRemote(value));
    }

    @POST
    public FormValidation doCheckCredentialsId(
        @AncestorInPath Item item, @QueryParameter String value) {
      return Forms.checkCredentials(item, credentialField(value));
    }

    @POST
    public FormValidation doCheckMetadata(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.check(item, () -> FieldRules.repositoryPath(value, false));
    }
  }
}
