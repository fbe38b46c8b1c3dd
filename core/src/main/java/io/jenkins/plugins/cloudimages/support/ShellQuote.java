package io.jenkins.plugins.cloudimages.support;

/** Quoting for POSIX shell command lines. */
public final class ShellQuote {
  private ShellQuote() {}

  /** {@code value} as one shell word, whatever it contains. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
