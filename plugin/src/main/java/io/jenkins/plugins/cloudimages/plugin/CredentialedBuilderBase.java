package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.Item;
import hudson.tasks.Builder;
import hudson.util.ListBoxModel;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The settings every step that logs in to a remote host shares: the Jenkins credential and the
 * known_hosts file (in the workspace) pinning that host's key, with the credential list of its
 * form.
 */
public abstract class CredentialedBuilderBase extends Builder implements SimpleBuildStep {
  private String credentialsId = "";
  private String knownHosts = "";

  public String getCredentialsId() {
    return credentialsId;
  }

  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = credentialsId == null ? "" : credentialsId;
  }

  public String getKnownHosts() {
    return knownHosts;
  }

  @DataBoundSetter
  public void setKnownHosts(String knownHosts) {
    this.knownHosts = knownHosts == null ? "" : knownHosts.strip();
  }

  /** The descriptor of such a step: its credential list holds the kinds it can log in with. */
  public abstract static class DescriptorBase extends AnyJobBuilderDescriptor {
    private final CredentialKind logins;

    DescriptorBase(CredentialKind logins) {
      this.logins = logins;
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(
        @AncestorInPath Item item, @QueryParameter String credentialsId) {
      return Forms.credentials(item, credentialsId, logins);
    }
  }
}
