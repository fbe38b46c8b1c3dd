package io.jenkins.plugins.cloudimages.plugin;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudimages.plugin.rules.FieldRules;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageInfo;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageRequest;
import io.jenkins.plugins.cloudimages.plugin.rules.KickstartName;
import java.io.IOException;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code kickstartImage}: validates, builds and publishes one image for one arch, all on the agent
 * the step runs on, and exports {@code CLOUDIMG_IMAGE_*}.
 */
public final class KickstartImageBuilder extends Builder implements SimpleBuildStep {
  private final String kickstart;
  private String arch = "";
  private String release = "";
  private String backend = "installroot";
  private String imageHost = "";

  @DataBoundConstructor
  public KickstartImageBuilder(String kickstart) {
    this.kickstart = kickstart == null ? "" : kickstart.strip();
  }

  public String getKickstart() {
    return kickstart;
  }

  public String getArch() {
    return arch;
  }

  @DataBoundSetter
  public void setArch(String arch) {
    this.arch = arch == null ? "" : arch.strip();
  }

  public String getRelease() {
    return release;
  }

  @DataBoundSetter
  public void setRelease(String release) {
    this.release = release == null ? "" : release.strip();
  }

  public String getBackend() {
    return backend;
  }

  @DataBoundSetter
  public void setBackend(String backend) {
    this.backend = backend == null || backend.isBlank() ? "installroot" : backend.strip();
  }

  public String getImageHost() {
    return imageHost;
  }

  /** The configured image host to publish to; empty builds without publishing. */
  @DataBoundSetter
  public void setImageHost(String imageHost) {
    this.imageHost = imageHost == null ? "" : imageHost.strip();
  }

  @Override
  public void perform(
      Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
      throws InterruptedException, IOException {
    CloudImagesConfiguration config = CloudImagesConfiguration.get();
    ImageHost host =
        imageHost.isEmpty()
            ? null
            : config
                .imageHost(env.expand(imageHost))
                .orElseThrow(() -> new AbortException("no image host named " + imageHost));
    ImageRequest request =
        StepAborts.unlessRefused(
            "kickstartImage",
            () ->
                ImageRequest.plan(
                    env.expand(kickstart),
                    env.expand(arch),
                    env.expand(release),
                    backend,
                    config.mirrorMap(),
                    config.allowedHostList()));
    BuildImageCallable.Publication publication = null;
    if (host != null) {
      if (host.getKnownHosts().isBlank()) {
        throw new AbortException(
            "kickstartImage: image host " + host.getName() + " has no pinned host key");
      }
      publication =
          new BuildImageCallable.Publication(
              host.getHost(),
              host.getPort(),
              Logins.resolve(host.getCredentialsId(), run, "image host " + host.getName()),
              host.getKnownHosts(),
              host.getRoot(),
              host.getPublicUrl());
    }
    BuildImageCallable.Outcome outcome =
        workspace.act(new BuildImageCallable(request, publication, listener));
    if (!outcome.problems().isEmpty()) {
      throw new AbortException(
          request.kickstart() + " is not valid:\n" + String.join("\n", outcome.problems()));
    }
    String file = StepAborts.insideWorkspace("kickstartImage", workspace, outcome.imageFile());
    String name = file.substring(file.lastIndexOf('/') + 1);
    ImageInfo image =
        new ImageInfo(
            name,
            file,
            outcome.formats(),
            outcome.sha256(),
            outcome.url(),
            KickstartName.metadataPathOf(request.kickstart()));
    run.addAction(new ImageAction(image));
  }

  /** The form, its checks and lists. */
  @Extension
  @Symbol("kickstartImage")
  public static final class DescriptorImpl extends AnyJobBuilderDescriptor {
    @Override
    public String getDisplayName() {
      return "Build a cloud image from a kickstart";
    }

    @POST
    public FormValidation doCheckKickstart(
        @AncestorInPath Item item, @QueryParameter String value) {
      return Forms.check(item, () -> FieldRules.kickstart(value));
    }

    @POST
    public FormValidation doCheckArch(
        @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String kickstart) {
      return Forms.check(item, () -> FieldRules.arch(value, kickstart));
    }

    @POST
    public ListBoxModel doFillArchItems(@AncestorInPath Item item) {
      return Forms.options(item, FieldRules.ARCHES, true);
    }

    @POST
    public ListBoxModel doFillBackendItems(@AncestorInPath Item item) {
      return Forms.options(item, FieldRules.BACKENDS, false);
    }

    @POST
    public ListBoxModel doFillImageHostItems(@AncestorInPath Item item) {
      List<String> names =
          CloudImagesConfiguration.get().getImageHosts().stream().map(ImageHost::getName).toList();
      return Forms.options(item, names, true);
    }
  }
}
