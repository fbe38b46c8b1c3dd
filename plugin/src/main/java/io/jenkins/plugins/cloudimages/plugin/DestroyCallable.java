package io.jenkins.plugins.cloudimages.plugin;

import hudson.remoting.VirtualChannel;
import java.io.File;
import jenkins.MasterToSlaveFileCallable;

/** Runs on the agent that deployed: destroys the instance and everything made for it. */
final class DestroyCallable extends MasterToSlaveFileCallable<Boolean> {
  private static final long serialVersionUID = 1L;

  private final String deploymentId;

  DestroyCallable(String deploymentId) {
    this.deploymentId = deploymentId;
  }

  @Override
  public Boolean invoke(File workspace, VirtualChannel channel) {
    return AgentDeployments.destroy(deploymentId);
  }
}
