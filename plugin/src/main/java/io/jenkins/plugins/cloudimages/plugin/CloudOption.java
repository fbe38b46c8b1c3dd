package io.jenkins.plugins.cloudimages.plugin;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.cloudimages.plugin.rules.FieldRules;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One driver option of a cloud, as in the {@code options} object of the CLI's clouds file (e.g.
 * {@code region}, {@code identityApiVersion} for OpenStack).
 */
public final class CloudOption extends AbstractDescribableImpl<CloudOption> {
  private final String key;
  private final String value;

  @DataBoundConstructor
  public CloudOption(String key, String value) {
    this.key = key == null ? "" : key.strip();
    this.value = value == null ? "" : value.strip();
  }

  public String getKey() {
    return key;
  }

  public String getValue() {
    return value;
  }

  /** The form entry. */
  @Extension
  @Symbol("cloudOption")
  public static final class DescriptorImpl extends Descriptor<CloudOption> {
    @Override
    public String getDisplayName() {
      return "Driver option";
    }

    @POST
    public FormValidation doCheckKey(@QueryParameter String value) {
      return Forms.check(null, () -> FieldRules.optionKey(value));
    }
  }
}
