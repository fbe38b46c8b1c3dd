package io.jenkins.plugins.cloudimages.plugin;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudimages.plugin.rules.FieldRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A cloud that {@code cloudDeploy} boots images on. */
public final class CloudDefinition extends AbstractDescribableImpl<CloudDefinition> {
  /** The driver names of the engine's deploy stage. */
  public static final List<String> TYPES =
      List.of(
          "local", "docker", "openstack", "opennebula", "cloudstack", "ec2", "ovirt", "vsphere");

  /** A cloud's account: the text of the CLI's credentials file, as a file or as a text. */
  static final CredentialKind ACCOUNTS = CredentialKind.SECRET_FILE_OR_TEXT;

  private final String name;
  private final String type;
  private String endpoint = "";
  private String credentialsId = "";
  private String flavor = "";
  private String network = "";
  private String user = "root";
  private boolean floatingIp;
  private List<CloudOption> options = new ArrayList<>();

  @DataBoundConstructor
  public CloudDefinition(String name, String type) {
    this.name = name == null ? "" : name.strip();
    this.type = type == null ? "" : type.strip();
  }

  public String getName() {
    return name;
  }

  public String getType() {
    return type;
  }

  public String getEndpoint() {
    return endpoint;
  }

  @DataBoundSetter
  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint == null ? "" : endpoint.strip();
  }

  public String getCredentialsId() {
    return credentialsId;
  }

  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = credentialsId == null ? "" : credentialsId;
  }

  public String getFlavor() {
    return flavor;
  }

  @DataBoundSetter
  public void setFlavor(String flavor) {
    this.flavor = flavor == null ? "" : flavor.strip();
  }

  public String getNetwork() {
    return network;
  }

  @DataBoundSetter
  public void setNetwork(String network) {
    this.network = network == null ? "" : network.strip();
  }

  public String getUser() {
    return user;
  }

  @DataBoundSetter
  public void setUser(String user) {
    this.user = user == null || user.isBlank() ? "root" : user.strip();
  }

  public boolean isFloatingIp() {
    return floatingIp;
  }

  @DataBoundSetter
  public void setFloatingIp(boolean floatingIp) {
    this.floatingIp = floatingIp;
  }

  /** The driver options; none in configurations saved before they existed. */
  public List<CloudOption> getOptions() {
    return options == null ? List.of() : List.copyOf(options);
  }

  @DataBoundSetter
  public void setOptions(List<CloudOption> options) {
    this.options = options == null ? new ArrayList<>() : new ArrayList<>(options);
  }

  /**
   * The options as the engine takes them, in order.
   *
   * @throws IllegalArgumentException when a key is missing or given twice
   */
  public Map<String, String> optionMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (CloudOption option : getOptions()) {
      if (option.getKey().isEmpty()) {
        throw new IllegalArgumentException("cloud " + name + ": a driver option has no key");
      }
      if (map.put(option.getKey(), option.getValue()) != null) {
        throw new IllegalArgumentException(
            "cloud " + name + ": driver option " + option.getKey() + " is given twice");
      }
    }
    return map;
  }

  /** A cloud's credential: needed unless the cloud runs here, then of a kind that holds text. */
  static CredentialField credentialField(String type, String credentialsId) {
    return new CredentialField(
        credentialsId, ACCOUNTS, FieldRules.cloudCredentials(type, credentialsId));
  }

  /** The form entry. */
  @Extension
  @Symbol("cloud")
  public static final class DescriptorImpl extends Descriptor<CloudDefinition> {
    @Override
    public String getDisplayName() {
      return "Cloud";
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      return Forms.check(null, () -> FieldRules.name(value));
    }

    @POST
    public FormValidation doCheckEndpoint(
        @QueryParameter String value, @QueryParameter String type) {
      boolean needed = !FieldRules.ACCOUNTLESS_CLOUDS.contains(type);
      return Forms.check(null, () -> FieldRules.url(value, needed, "https", "http", "unix"));
    }

    @POST
    public ListBoxModel doFillTypeItems() {
      return Forms.options(null, TYPES, false);
    }

    @POST
    public FormValidation doCheckCredentialsId(
        @QueryParameter String value, @QueryParameter String type) {
      return Forms.checkCredentials(null, credentialField(type, value));
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
      return Forms.credentials(null, credentialsId, ACCOUNTS);
    }
  }
}
