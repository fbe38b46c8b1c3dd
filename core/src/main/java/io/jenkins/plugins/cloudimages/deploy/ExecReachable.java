package io.jenkins.plugins.cloudimages.deploy;

/**
 * A driver whose instances are reached through the cloud's own exec (containers) rather than SSH;
 * the deployer checks reachability with it and hands it to later stages.
 */
public interface ExecReachable {
  RemoteShell shell(CloudResource instance);
}
