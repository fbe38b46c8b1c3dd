package io.jenkins.plugins.cloudimages.plugin;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.plugin.rules.FieldRules;
import io.jenkins.plugins.cloudimages.plugin.rules.InstanceInfo;
import io.jenkins.plugins.cloudimages.plugin.rules.StepEnvironment;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jenkins.tasks.SimpleBuildWrapper;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code cloudDeploy(cloud: 'x') { ... }}: boots the image on a configured cloud for the block,
 * exports {@code CLOUDIMG_INSTANCE_*} to it, and destroys the instance after the block — also when
 * the block fails or the build is aborted (SimpleBuildWrapper runs the disposer on every exit).
 */
public final class CloudDeployStep extends SimpleBuildWrapper {
  private final String cloud;
  private String image = "${" + StepEnvironment.IMAGE_FILE + "}";
  private String user = "";

  @DataBoundConstructor
  public CloudDeployStep(String cloud) {
    this.cloud = cloud == null ? "" : cloud.strip();
  }

  public String getCloud() {
    return cloud;
  }

  public String getImage() {
    return image;
  }

  /** The image file in the workspace or its published URL; defaults to kickstartImage's file. */
  @DataBoundSetter
  public void setImage(String image) {
    this.image =
        image == null || image.isBlank() ? "${" + StepEnvironment.IMAGE_FILE + "}" : image.strip();
  }

  public String getUser() {
    return user;
  }

  /** The login user on the instance; empty takes the cloud's. */
  @DataBoundSetter
  public void setUser(String user) {
    this.user = user == null ? "" : user.strip();
  }

  @Override
  public void setUp(
      Context context,
      Run<?, ?> build,
      FilePath workspace,
      Launcher launcher,
      TaskListener listener,
      EnvVars initialEnvironment)
      throws IOException, InterruptedException {
    String name = initialEnvironment.expand(cloud);
    CloudDefinition definition =
        CloudImagesConfiguration.get()
            .cloud(name)
            .orElseThrow(() -> new AbortException("cloudDeploy: no cloud named " + name));
    String imageRef = initialEnvironment.expand(image);
    if (imageRef.isBlank() || imageRef.contains("${")) {
      throw new AbortException(
          "cloudDeploy: no image to boot (give image: or run kickstartImage first)");
    }
    Map<String, String> options;
    try {
      options = definition.optionMap();
    } catch (IllegalArgumentException e) {
      throw new AbortException("cloudDeploy: " + e.getMessage());
    }
    CloudDrivers.Settings settings =
        new CloudDrivers.Settings(
            name,
            definition.getType(),
            definition.getEndpoint(),
            CloudCredentials.forCloud(definition, build),
            definition.getFlavor(),
            definition.getNetwork(),
            definition.isFloatingIp(),
            options);
    BuildIdentity identity = new BuildIdentity("jenkins", build.getExternalizableId());
    String loginUser = user.isEmpty() ? definition.getUser() : user;
    InstanceInfo instance =
        workspace.act(new DeployCallable(settings, imageRef, loginUser, identity, listener));
    context.setDisposer(new Destroyer(instance.id(), name));
    StepEnvironment.of(instance).forEach(context::env);
    listener
        .getLogger()
        .println(
            "cloud-images: "
                + instance.id()
                + " on "
                + name
                + " answers at "
                + instance.host()
                + ":"
                + instance.port());
  }

  /** Destroys the instance after the block; runs on failure and abort too. */
  static final class Destroyer extends Disposer {
    private static final long serialVersionUID = 1L;
    private final String deploymentId;
    private final String cloud;

    Destroyer(String deploymentId, String cloud) {
      this.deploymentId = deploymentId;
      this.cloud = cloud;
    }

    @Override
    public void tearDown(
        Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
        throws IOException, InterruptedException {
      boolean clean = workspace.act(new DestroyCallable(deploymentId));
      listener
          .getLogger()
          .println(
              "cloud-images: "
                  + deploymentId
                  + " on "
                  + cloud
                  + (clean ? " destroyed" : " NOT fully destroyed; the janitor will retry"));
      if (!clean) {
        throw new AbortException("cloudDeploy: resources of " + deploymentId + " were left behind");
      }
    }
  }

  /** The form, its checks and lists. */
  @Extension
  @Symbol("cloudDeploy")
  public static final class DescriptorImpl extends BuildWrapperDescriptor {
    @Override
    public boolean isApplicable(AbstractProject<?, ?> item) {
      return true;
    }

    @Override
    public String getDisplayName() {
      return "Boot the image on a cloud for the steps inside";
    }

    @POST
    public FormValidation doCheckCloud(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.check(item, () -> FieldRules.configured(value, cloudNames(), "cloud"));
    }

    @POST
    public ListBoxModel doFillCloudItems(@AncestorInPath Item item) {
      return Forms.options(item, cloudNames(), false);
    }

    private static List<String> cloudNames() {
      return CloudImagesConfiguration.get().getClouds().stream()
          .map(CloudDefinition::getName)
          .toList();
    }
  }
}
