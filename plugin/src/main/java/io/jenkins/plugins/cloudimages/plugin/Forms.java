package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudimages.plugin.rules.Check;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
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

  /** A cloud's account: the text of the CLI's credentials file, as a file or as a text. */
  static final CredentialsMatcher CLOUD_ACCOUNT =
      CredentialsMatchers.anyOf(
          CredentialsMatchers.instanceOf(FileCredentials.class),
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
   * The credentials list as the Credentials plugin documents it for consumers: filled only for
   * those who may configure the job or use its credentials (administrators for the global
   * configuration), with the credentials the job's builds can use (the system's for the global
   * configuration), an empty choice first, and always the current value.
   */
  static ListBoxModel credentials(Item item, String current, CredentialsMatcher matcher) {
    StandardListBoxModel model = new StandardListBoxModel();
    if (!mayListCredentials(item)) {
      return model.includeCurrentValue(current);
    }
    if (item == null) {
      model.includeEmptyValue();
      model.includeMatchingAs(
          ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), matcher);
    } else {
      model.includeEmptyValue();
      model.includeMatchingAs(
          item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
          item,
          StandardCredentials.class,
          List.of(),
          matcher);
    }
    return model.includeCurrentValue(current);
  }

  static boolean mayListCredentials(Item item) {
    return item == null
        ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
        : item.hasPermission(Item.EXTENDED_READ)
            || item.hasPermission(CredentialsProvider.USE_ITEM);
  }
}
