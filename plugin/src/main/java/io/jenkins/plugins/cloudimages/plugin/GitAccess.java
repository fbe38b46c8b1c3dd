package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import io.jenkins.plugins.cloudimages.plugin.rules.GitRemote;
import org.jenkinsci.plugins.gitclient.GitHostKeyVerificationConfiguration;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;
import org.jenkinsci.plugins.gitclient.verifier.KnownHostsFileVerificationStrategy;
import org.jenkinsci.plugins.gitclient.verifier.ManuallyProvidedKeyVerificationStrategy;
import org.jenkinsci.plugins.gitclient.verifier.SshHostKeyVerificationStrategy;

/**
 * On the controller: what the agent needs to reach the kickstart repository with the Git client
 * plugin, as the git plugin hands it over (a snapshot of the credential, the configured host key
 * verifier).
 */
final class GitAccess {
  private GitAccess() {}

  static ReleaseCallable.Access of(String credentialsId, String remote, Run<?, ?> run, EnvVars env)
      throws AbortException {
    SshHostKeyVerificationStrategy<? extends HostKeyVerifierFactory> strategy =
        GitHostKeyVerificationConfiguration.get().getSshHostKeyVerificationStrategy();
    String refusal =
        GitRemote.hostKeyRefusal(
                remote, strategy.getClass().getSimpleName(), verifiesKnownKeys(strategy.getClass()))
            .orElse(null);
    if (refusal != null) {
      throw new AbortException(refusal);
    }
    return new ReleaseCallable.Access(credentials(credentialsId, run), strategy.getVerifier(), env);
  }

  /** The Git client plugin's strategies that check a server against keys known in advance. */
  static boolean verifiesKnownKeys(Class<?> strategy) {
    return KnownHostsFileVerificationStrategy.class.isAssignableFrom(strategy)
        || ManuallyProvidedKeyVerificationStrategy.class.isAssignableFrom(strategy);
  }

  private static StandardUsernameCredentials credentials(String credentialsId, Run<?, ?> run)
      throws AbortException {
    if (credentialsId == null || credentialsId.isEmpty()) {
      return null;
    }
    StandardUsernameCredentials credentials =
        CredentialsProvider.findCredentialById(
            credentialsId, StandardUsernameCredentials.class, run);
    if (credentials == null) {
      throw new AbortException(
          "releaseMarker: credential "
              + credentialsId
              + " not found, not usable by this build, or neither an SSH key nor a username with"
              + " password");
    }
    CredentialsProvider.track(run, credentials);
    return CredentialsProvider.snapshot(StandardUsernameCredentials.class, credentials);
  }
}
