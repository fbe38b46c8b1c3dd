package io.jenkins.plugins.cloudimages.plugin.rules;

import java.io.Serializable;

/**
 * A running instance as the body of {@code cloudDeploy} sees it. Paths are on the agent that
 * deployed it.
 */
public record InstanceInfo(
    String cloud, String id, String host, int port, String user, String keyFile, String knownHosts)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
