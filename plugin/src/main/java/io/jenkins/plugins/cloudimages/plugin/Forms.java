package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
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
import org.springframework.security.core.Authentication;

/** What every descriptor's form endpoints share: permission checks and credential lists. */
final class Forms {
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
  static ListBoxModel credentials(Item item, String current, CredentialKind kind) {
    StandardListBoxModel model = new StandardListBoxModel();
    if (!mayListCredentials(item)) {
      return model.includeCurrentValue(current);
    }
    model.includeEmptyValue();
    if (item == null) {
      model.includeMatchingAs(
          ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), kind);
    } else {
      model.includeMatchingAs(
          authenticationOf(item), item, StandardCredentials.class, List.of(), kind);
    }
    return model.includeCurrentValue(current);
  }

  /**
   * The credential check of the consumer guide: OK, with nothing looked up, for those who may not
   * list the credentials; else the chosen id looked up where {@link #credentials} lists.
   */
  static FormValidation checkCredentials(Item item, CredentialField field) {
    return toValidation(
        field.check(mayListCredentials(item), (id, kind) -> canUse(item, id, kind)));
  }

  private static boolean canUse(Item item, String id, CredentialsMatcher kind) {
    CredentialsMatcher matcher =
        kind == null
            ? CredentialsMatchers.withId(id)
            : CredentialsMatchers.allOf(CredentialsMatchers.withId(id), kind);
    ListBoxModel found =
        item == null
            ? CredentialsProvider.listCredentialsInItemGroup(
                StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of(), matcher)
            : CredentialsProvider.listCredentialsInItem(
                StandardCredentials.class, item, authenticationOf(item), List.of(), matcher);
    return !found.isEmpty();
  }

  /** Who the job's builds run as: the credentials they can use are the ones to offer. */
  private static Authentication authenticationOf(Item item) {
    return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
  }

  static boolean mayListCredentials(Item item) {
    return item == null
        ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
        : item.hasPermission(Item.EXTENDED_READ)
            || item.hasPermission(CredentialsProvider.USE_ITEM);
  }
}
