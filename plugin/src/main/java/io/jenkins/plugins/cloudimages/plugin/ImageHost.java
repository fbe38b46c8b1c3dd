package io.jenkins.plugins.cloudimages.plugin;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudimages.plugin.rules.FieldRules;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An image host reached over SFTP (cloud.centos.org in the CentOS setup). Its host key is pinned by
 * {@code knownHosts} (lines in OpenSSH known_hosts format); there is no accept-any mode.
 */
public final class ImageHost extends AbstractDescribableImpl<ImageHost> {
  /** What publishing logs in with over SFTP. */
  static final CredentialKind LOGINS = CredentialKind.SSH_KEY_OR_PASSWORD;

  private final String name;
  private final String host;
  private int port = 22;
  private String root = "/srv/images";
  private String publicUrl = "";
  private String credentialsId = "";
  private String knownHosts = "";

  @DataBoundConstructor
  public ImageHost(String name, String host) {
    this.name = name == null ? "" : name.strip();
    this.host = host == null ? "" : host.strip();
  }

  public String getName() {
    return name;
  }

  public String getHost() {
    return host;
  }

  public int getPort() {
    return port;
  }

  @DataBoundSetter
  public void setPort(int port) {
    this.port = port;
  }

  public String getRoot() {
    return root;
  }

  @DataBoundSetter
  public void setRoot(String root) {
    this.root = root == null ? "" : root.strip();
  }

  public String getPublicUrl() {
    return publicUrl;
  }

  @DataBoundSetter
  public void setPublicUrl(String publicUrl) {
    this.publicUrl = publicUrl == null ? "" : publicUrl.strip();
  }

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
    this.knownHosts = knownHosts == null ? "" : knownHosts;
  }

  static CredentialField credentialField(String credentialsId) {
    return new CredentialField(
        credentialsId, LOGINS, FieldRules.imageHostCredentials(credentialsId, LOGINS.names()));
  }

  /** The form entry. */
  @Extension
  @Symbol("imageHost")
  public static final class DescriptorImpl extends Descriptor<ImageHost> {
    @Override
    public String getDisplayName() {
      return "Image host";
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      return Forms.check(null, () -> FieldRules.name(value));
    }

    @POST
    public FormValidation doCheckHost(@QueryParameter String value) {
      return Forms.check(null, () -> FieldRules.host(value, true));
    }

    @POST
    public FormValidation doCheckPort(@QueryParameter int value) {
      return Forms.check(null, () -> FieldRules.port(value));
    }

    @POST
    public FormValidation doCheckRoot(@QueryParameter String value) {
      return Forms.check(null, () -> FieldRules.remoteFolder(value));
    }

    @POST
    public FormValidation doCheckPublicUrl(@QueryParameter String value) {
      return Forms.check(null, () -> FieldRules.url(value, false, "https", "http"));
    }

    @POST
    public FormValidation doCheckCredentialsId(@QueryParameter String value) {
      return Forms.checkCredentials(null, credentialField(value));
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
      return Forms.credentials(null, credentialsId, LOGINS);
    }
  }
}
