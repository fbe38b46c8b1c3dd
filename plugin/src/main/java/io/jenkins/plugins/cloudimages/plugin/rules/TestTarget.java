package io.jenkins.plugins.cloudimages.plugin.rules;

import java.util.Map;

/**
 * Where {@code tFunctional} runs: the host given explicitly, else the instance of the enclosing
 * {@code cloudDeploy}.
 */
public record TestTarget(
    String host, int port, String user, String keyFile, String knownHosts, String credentialsId) {

  /**
   * @param host explicit host, or blank
   * @param credentialsId the SSH credential for an explicit host
   * @param knownHostsFile known_hosts file (workspace path) for an explicit host
   */
  public static TestTarget resolve(
      String host,
      int port,
      String user,
      String credentialsId,
      String knownHostsFile,
      Map<String, String> env) {
    if (host != null && !host.isBlank()) {
      if (credentialsId == null || credentialsId.isBlank()) {
        throw new IllegalArgumentException(
            "tFunctional with an explicit host needs an SSH credential (credentialsId)");
      }
      if (knownHostsFile == null || knownHostsFile.isBlank()) {
        throw new IllegalArgumentException(
            "tFunctional with an explicit host needs a known_hosts file (knownHosts): host keys are"
                + " never accepted blindly");
      }
      return new TestTarget(
          host.strip(),
          port,
          user == null || user.isBlank() ? "root" : user.strip(),
          null,
          knownHostsFile,
          credentialsId);
    }
    InstanceInfo instance =
        StepEnvironment.instanceFrom(env)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "tFunctional runs inside cloudDeploy { ... } or with host: given"));
    return new TestTarget(
        instance.host(),
        instance.port(),
        user == null || user.isBlank() ? instance.user() : user.strip(),
        instance.keyFile(),
        instance.knownHosts(),
        null);
  }
}
