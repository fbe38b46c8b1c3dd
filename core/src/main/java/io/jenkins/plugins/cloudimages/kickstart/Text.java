package io.jenkins.plugins.cloudimages.kickstart;

/** Small text helpers for messages. */
final class Text {
  private static final int MAX = 60;

  private Text() {}

  /** Shortens a value quoted in a message, so a 10 MB word does not end up in a report. */
  static String clip(String value) {
    StringBuilder shown = new StringBuilder();
    int limit = Math.min(value.length(), MAX);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      shown.append(c < ' ' || c == 0x7f ? '?' : c);
    }
    if (value.length() > MAX) {
      shown.append("...");
    }
    return shown.toString();
  }
}
