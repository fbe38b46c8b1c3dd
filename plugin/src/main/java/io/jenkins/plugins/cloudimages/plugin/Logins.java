package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Turns a credential id into a {@link Login} for the agent, in the context of a build. */
final class Logins {
  private Logins() {}

  /** No credential configured (null or empty) is no login; any other id must resolve. */
  static Login resolveIfGiven(String credentialsId, Run<?, ?> run, String purpose)
      throws AbortException {
    return credentialsId == null || credentialsId.isEmpty()
        ? null
        : resolve(credentialsId, run, purpose);
  }

  static Login resolve(String credentialsId, Run<?, ?> run, String purpose) throws AbortException {
    if (credentialsId == null || credentialsId.isBlank()) {
      throw new AbortException(purpose + ": no credential is configured");
    }
    StandardCredentials c =
        CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
    if (c == null) {
      throw new AbortException(
          purpose + ": credential " + credentialsId + " not found or not usable by this build");
    }
    if (c instanceof SSHUserPrivateKey key) {
      if (key.getPrivateKeys().isEmpty()) {
        throw new AbortException(purpose + ": credential " + credentialsId + " holds no key");
      }
      return new Login.SshKey(
          key.getUsername(),
          key.getPrivateKeys().get(0),
          key.getPassphrase() == null ? null : key.getPassphrase().getPlainText());
    }
    if (c instanceof StandardUsernamePasswordCredentials password) {
      return new Login.Password(password.getUsername(), password.getPassword().getPlainText());
    }
    if (c instanceof StringCredentials token) {
      return new Login.Token(token.getSecret().getPlainText());
    }
    throw new AbortException(
        purpose
            + ": credential "
            + credentialsId
            + " is of an unsupported kind (use an SSH key, a username with password or a secret"
            + " text)");
  }
}
