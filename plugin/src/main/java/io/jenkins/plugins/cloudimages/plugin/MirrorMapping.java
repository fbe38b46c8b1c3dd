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

/** One entry of the mirror map: kickstart URLs starting with {@code from} use {@code to}. */
public final class MirrorMapping extends AbstractDescribableImpl<MirrorMapping> {
  private final String from;
  private final String to;

  @DataBoundConstructor
  public MirrorMapping(String from, String to) {
    this.from = from == null ? "" : from.strip();
    this.to = to == null ? "" : to.strip();
  }

  public String getFrom() {
    return from;
  }

  public String getTo() {
    return to;
  }

  /** The form entry. */
  @Extension
  @Symbol("mirror")
  public static final class DescriptorImpl extends Descriptor<MirrorMapping> {
    @Override
    public String getDisplayName() {
      return "Mirror";
    }

    @POST
    public FormValidation doCheckFrom(@QueryParameter String value) {
      return Forms.check(null, () -> FieldRules.mirrorPrefix(value));
    }

    @POST
    public FormValidation doCheckTo(@QueryParameter String value) {
      return Forms.check(null, () -> FieldRules.mirrorPrefix(value));
    }
  }
}
