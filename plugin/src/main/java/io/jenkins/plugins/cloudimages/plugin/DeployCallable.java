package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.Deployer;
import io.jenkins.plugins.cloudimages.deploy.Deployment;
import io.jenkins.plugins.cloudimages.deploy.DeploymentException;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.plugin.rules.InstanceInfo;
import io.jenkins.plugins.cloudimages.plugin.rules.WorkspacePaths;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import jenkins.MasterToSlaveFileCallable;

/** Runs on the agent: boots the image on the cloud and waits until SSH answers. */
final class DeployCallable extends MasterToSlaveFileCallable<InstanceInfo> {
  private static final long serialVersionUID = 1L;

  private final CloudDrivers.Settings cloud;
  private final String image;
  private final String user;
  private final BuildIdentity build;
  private final TaskListener listener;

  DeployCallable(
      CloudDrivers.Settings cloud,
      String image,
      String user,
      BuildIdentity build,
      TaskListener listener) {
    this.cloud = cloud;
    this.image = image;
    this.user = user;
    this.build = build;
    this.listener = listener;
  }

  @Override
  public InstanceInfo invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    Path root = workspace.toPath();
    ImageSource source = source(root);
    Consumer<String> log = line -> listener.getLogger().println("cloud-images: " + line);
    CloudDriver driver = CloudDrivers.create(cloud, log);
    Path work = AgentFiles.privateDir(root, "deploy");
    Deployer deployer = new Deployer(driver, build, work, Clock.systemUTC(), log);
    Deployer.Options options =
        Deployer.Options.defaults()
            .withLoginUser(user)
            .withPlacement(
                CloudDrivers.blankToNull(cloud.flavor()),
                CloudDrivers.blankToNull(cloud.network()),
                cloud.floatingIp());
    Deployment deployment;
    try {
      deployment = deployer.deploy(source, options);
    } catch (DeploymentException e) {
      throw new IOException("cloudDeploy: " + e.getMessage(), e);
    }
    AgentDeployments.add(deployment);
    return new InstanceInfo(
        cloud.name(),
        deployment.id(),
        deployment.host(),
        deployment.port(),
        deployment.user(),
        deployment.keyFile().toString(),
        deployment.knownHostsFile().toString());
  }

  private ImageSource source(Path root) {
    if (image.matches("(?i)https?://.*")) {
      String name = image.substring(image.lastIndexOf('/') + 1);
      return new ImageSource(name, null, URI.create(image), formatOf(name), null);
    }
    Path file = root.resolve(WorkspacePaths.inside(root.toString(), image));
    String name = file.getFileName().toString();
    return new ImageSource(name, file, null, formatOf(name), null);
  }

  static String formatOf(String name) {
    String n = name.replaceFirst("\\.(xz|gz)$", "");
    if (n.endsWith(".tar")) {
      return "tar";
    }
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "raw" : n.substring(dot + 1);
  }
}
