package io.jenkins.plugins.cloudimages.tfunctional;

/** Quoting for POSIX shell command lines. */
final class ShellQuote {
  private ShellQuote() {}

  /** {@code value} as one shell word, whatever it contains. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
