package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import io.jenkins.plugins.cloudimages.plugin.rules.Check;
import io.jenkins.plugins.cloudimages.plugin.rules.CredentialReference;

/**
 * The value of a credential field with what that field accepts, checked the way the Credentials
 * plugin's consumer guide shows: {@link Forms} asks Jenkins, tests ask a fake {@link Lookup}.
 *
 * @param kind the kinds the field can use, the matcher of its list
 * @param fieldRule what the field's other settings say of the value (required, unused), checked
 *     before any look-up
 */
record CredentialField(String value, CredentialKind kind, Check fieldRule) {
  /** The credentials the context of the form can use, never their secrets. */
  interface Lookup {
    /** Whether one with id {@code id} exists that {@code kind} matches (of any kind when null). */
    boolean canUse(String id, CredentialsMatcher kind);
  }

  /**
   * @param permitted whether the user may list the credentials of the context: when not, the answer
   *     is OK and nothing is looked up, so that the check reveals nothing
   */
  Check check(boolean permitted, Lookup lookup) {
    if (!permitted) {
      return Check.ok();
    }
    if (fieldRule.kind() != Check.Kind.OK) {
      return fieldRule;
    }
    return switch (CredentialReference.of(value)) {
      case NONE -> Check.ok();
      case EXPRESSION -> CredentialReference.unresolvedExpression();
      case ID -> {
        if (lookup.canUse(value, kind)) {
          yield Check.ok();
        }
        yield lookup.canUse(value, null)
            ? CredentialReference.ofAnotherKind(kind.names())
            : CredentialReference.notFound();
      }
    };
  }
}
