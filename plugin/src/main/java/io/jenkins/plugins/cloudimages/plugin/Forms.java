package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudimages.plugin.rules.Check;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** What every descriptor's form endpoints share: permission checks and credential lists. */
final class Forms {
  /** SSH keys (image host, explicit test host, git over SSH). */
  static final CredentialsMatcher SSH = CredentialsMatchers.instanceOf(SSHUserPrivateKey.class);

  /** What git logs in with (the Git client plugin's own choice: an SSH key or a password). */
  static final CredentialsMatcher GIT_LOGIN =
      CredentialsMatchers.anyOf(
          CredentialsMatchers.instanceOf(SSHUserPrivateKey.class),
          CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

  /** Anything a cloud can log in with. */
  static final CredentialsMatcher ANY_LOGIN =
      CredentialsMatchers.anyOf(
          CredentialsMatchers.instanceOf(SSHUserPrivateKey.class),
          CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
          CredentialsMatchers.instanceOf(StringCredentials.class));

  private Forms() {}

  /**
   * Whoever may configure {@code item} (or, with no item, Jenkins) may see validation; others get
   * an empty answer so that the endpoint leaks nothing.
   */
  static boolean canConfigure(Item item) {
    return item == null
        ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
        : item.hasPermission(Item.CONFIGURE);
  }

  static FormValidation check(Item item, Supplier<Check> check) {
    return canConfigure(item) ? toValidation(check.get()) : FormValidation.ok();
  }

  static FormValidation toValidation(Check check) {
    return switch (check.kind()) {
      case OK -> FormValidation.ok();
      case WARNING -> FormValidation.warning(check.message());
      case ERROR -> FormValidation.error(check.message());
    };
  }

  static ListBoxModel options(Item item, Collection<String> values, boolean withEmpty) {
    ListBoxModel model = new ListBoxModel();
    if (!canConfigure(item)) {
      return model;
    }
    if (withEmpty) {
      model.add("- none -", "");
    }
    for (String value : values) {
      model.add(value, value);
    }
    return model;
  }

  /**
   * The credentials list as the Credentials plugin documents it for consumers: only for those who
   * may configure, always keeping the current value, an empty choice first.
   */
  static ListBoxModel credentials(Item item, String current, CredentialsMatcher matcher) {
    StandardListBoxModel model = new StandardListBoxModel();
    if (item == null) {
      if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
        return model.includeCurrentValue(current);
      }
      return model
          .includeEmptyValue()
          .includeMatching(Jenkins.get(), StandardCredentials.class, List.of(), matcher)
          .includeCurrentValue(current);
    }
    if (!item.hasPermission(Item.CONFIGURE) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
      return model.includeCurrentValue(current);
    }
    return model
        .includeEmptyValue()
        .includeMatching(item, StandardCredentials.class, List.of(), matcher)
        .includeCurrentValue(current);
  }
}
