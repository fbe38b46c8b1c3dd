package io.jenkins.plugins.cloudimages.plugin;

import io.jenkins.plugins.cloudimages.deploy.Deployment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployments alive on this agent JVM, by id: a {@link Deployment} holds threads and files, so
 * it stays where it was made and the controller only keeps its id until the block ends.
 */
final class AgentDeployments {
  private static final Map<String, Deployment> LIVE = new ConcurrentHashMap<>();

  private AgentDeployments() {}

  static void add(Deployment deployment) {
    LIVE.put(deployment.id(), deployment);
  }

  /** Destroys and forgets it; true when nothing was left behind (or it was already gone). */
  static boolean destroy(String id) {
    Deployment deployment = LIVE.remove(id);
    return deployment == null || deployment.destroy();
  }
}
