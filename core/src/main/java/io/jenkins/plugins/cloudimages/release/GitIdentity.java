package io.jenkins.plugins.cloudimages.release;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A git author or committer: name and email. */
public record GitIdentity(String name, String email) {
  private static final Pattern NAME_EMAIL = Pattern.compile("\\s*([^<>]*?)\\s*<([^<>\\s]+)>\\s*");

  public GitIdentity {
    if (name == null || name.isBlank() || email == null || email.isBlank()) {
      throw new IllegalArgumentException("an identity needs a name and an email");
    }
  }

  /** Parses {@code "Name <email>"}, the form git prints. */
  public static GitIdentity parse(String text) {
    Matcher matcher = NAME_EMAIL.matcher(text == null ? "" : text);
    if (!matcher.matches() || matcher.group(1).isEmpty()) {
      throw new IllegalArgumentException(
          "not an identity of the form \"Name <email>\": \"" + text + "\"");
    }
    return new GitIdentity(matcher.group(1), matcher.group(2));
  }

  @Override
  public String toString() {
    return name + " <" + email + ">";
  }
}
