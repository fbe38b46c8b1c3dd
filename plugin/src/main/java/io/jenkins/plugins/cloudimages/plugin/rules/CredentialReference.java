package io.jenkins.plugins.cloudimages.plugin.rules;

/**
 * What a credential field holds, told apart as the Credentials plugin's consumer guide does before
 * anything is looked up, with the answers of its check.
 */
public enum CredentialReference {
  /** Nothing chosen: the field's own rule says whether that is fine. */
  NONE,
  /** A {@code ${...}} expression (a credentials parameter): only a build can resolve it. */
  EXPRESSION,
  /** A credential id, to look up among the credentials the context can use. */
  ID;

  public static CredentialReference of(String value) {
    String v = FieldRules.trim(value);
    if (v.isEmpty()) {
      return NONE;
    }
    return v.startsWith("${") ? EXPRESSION : ID;
  }

  public static Check unresolvedExpression() {
    return Check.warning(
        "Cannot validate expression based credentials: the build resolves the expression when it"
            + " runs.");
  }

  public static Check notFound() {
    return Check.error("Cannot find currently selected credentials");
  }

  /**
   * @param accepted the kinds the field can use, e.g. "Secret file or Secret text"
   */
  public static Check ofAnotherKind(String accepted) {
    return Check.error(
        "The selected credentials are of a kind this field cannot use; it takes: "
            + accepted
            + ".");
  }
}
