package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.cloudimages.plugin.rules.FieldRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * A cloud's account, resolved on the controller: the text of the CLI's credentials file for that
 * driver, kept in Jenkins as a Secret file or a Secret text. Messages name the credential id, never
 * its content.
 */
final class CloudCredentials {
  private CloudCredentials() {}

  /**
   * The cloud's account text, or null when it has none configured or needs none (local, docker: a
   * credential left on those from older configurations is not even looked up).
   */
  static String forCloud(CloudDefinition cloud, Run<?, ?> run) throws IOException {
    return FieldRules.ACCOUNTLESS_CLOUDS.contains(cloud.getType())
        ? null
        : resolveIfGiven(cloud.getCredentialsId(), run, cloud.getName());
  }

  /** The text, or null when no credential is configured. */
  static String resolveIfGiven(String credentialsId, Run<?, ?> run, String cloud)
      throws IOException {
    if (credentialsId == null || credentialsId.isBlank()) {
      return null;
    }
    StandardCredentials c =
        CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
    if (c == null) {
      throw new AbortException(
          "cloud "
              + cloud
              + ": credential "
              + credentialsId
              + " not found or not usable by this build");
    }
    return textOf(c, credentialsId, cloud);
  }

  static String textOf(StandardCredentials c, String credentialsId, String cloud)
      throws IOException {
    if (c instanceof FileCredentials file) {
      try (InputStream in = file.getContent()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    if (c instanceof StringCredentials text) {
      return text.getSecret().getPlainText();
    }
    throw new AbortException(
        "cloud "
            + cloud
            + ": credential "
            + credentialsId
            + " is not a "
            + CloudDefinition.ACCOUNTS.names()
            + "; a cloud's credential holds exactly what"
            + " the CLI's credentials file holds for its driver");
  }
}
